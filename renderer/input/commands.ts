import type { Anime4kMode } from '../../electron/common/upscaling';
import { anime4kModes } from '../../electron/common/upscaling';

/**
 * The commands keys can run, in mpv's input.conf wording (`seek 5`, `cycle pause`). Parsing is
 * pure; the player runs the parsed form.
 */
export type Command =
  | { name: 'cycle'; property: 'pause' | 'mute' | 'fullscreen' }
  | { name: 'set'; property: 'fullscreen'; value: boolean }
  | { name: 'set'; property: 'speed'; value: number }
  | { name: 'seek'; seconds: number; mode: 'relative' | 'absolute' | 'absolute-percent' }
  | { name: 'add'; property: 'volume' | 'speed'; value: number }
  | { name: 'multiply'; property: 'speed'; factor: number }
  | { name: 'frame-step'; direction: 1 | -1 }
  | { name: 'quit' }
  | { name: 'ignore' }
  /** Anime4K's template keys (Ctrl+1…6, Ctrl+0), plus the classic algorithm. */
  | { name: 'anime4k-mode'; mode: Anime4kMode | 'off' | 'classic' }
  /** A chain of the viewer's mpv shaders, by its saved name: `shader-chain "Anime4K: Mode A (HQ)"`. */
  | { name: 'shader-chain'; chain: string }
  | { name: 'cycle'; property: 'anime4k-tier' | 'compare' | 'stats' }
  | { name: 'add'; property: 'compare-position'; value: number }
  | { name: 'show-help' }
  /** mpv's screenshot: with subtitles (default), `video` without, `window` as shown. */
  | { name: 'screenshot'; what: 'subtitles' | 'video' | 'window' }
  /** Held: a 4× magnified view under the pointer. */
  | { name: 'magnifier' }
  /** mpv's subtitle keys: `cycle sub` (j), `cycle sub down` (J), `cycle sub-visibility` (v), `add sub-delay ±0.1` (z/Z). */
  | { name: 'cycle'; property: 'sub'; direction: 1 | -1 }
  /** mpv's `cycle audio` (#): the file's next audio track. */
  | { name: 'cycle'; property: 'audio'; direction: 1 | -1 }
  | { name: 'cycle'; property: 'sub-visibility' }
  | { name: 'add'; property: 'sub-delay' | 'sub-scale'; value: number };

function number(text: string | undefined): number | null {
  if (text === undefined) return null;
  const fraction = /^(-?[\d.]+)\/([\d.]+)$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text);
  return Number.isFinite(value) ? value : null;
}

function yesNo(text: string | undefined): boolean | null {
  if (text === 'yes') return true;
  if (text === 'no') return false;
  return null;
}

/** Parses one command; returns a reason string when it is not one we support. */
export function parseCommand(text: string): Command | string {
  // A chain's name may hold spaces: the rest of the line, quoted or not, is the name.
  const chain = /^\s*(?:no-osd\s+|osd-msg\s+)?shader-chain\s+(?:"([^"]+)"|'([^']+)'|(\S.*?))\s*$/.exec(text);
  if (chain) return { name: 'shader-chain', chain: chain[1] ?? chain[2] ?? chain[3] ?? '' };
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0 && word !== 'no-osd' && word !== 'osd-msg');
  const [name, first, second] = words;
  switch (name) {
    case 'cycle':
      if (first === 'pause' || first === 'mute' || first === 'fullscreen') return { name, property: first };
      if (first === 'anime4k-tier' || first === 'compare' || first === 'stats' || first === 'sub-visibility') return { name, property: first };
      if ((first === 'sub' || first === 'audio') && (second === undefined || second === 'up' || second === 'down')) {
        return { name, property: first, direction: second === 'down' ? -1 : 1 };
      }
      break;
    case 'anime4k-mode': {
      const mode = (anime4kModes as readonly string[]).includes(first ?? '') ? (first as Anime4kMode) : first;
      if (mode === 'off' || mode === 'classic' || (anime4kModes as readonly string[]).includes(mode ?? '')) {
        return { name, mode: mode as Anime4kMode | 'off' | 'classic' };
      }
      break;
    }
    case 'show-help':
      return { name };
    case 'screenshot':
      if (first === undefined || first === 'subtitles') return { name, what: 'subtitles' };
      if (first === 'video' || first === 'window') return { name, what: first };
      break;
    case 'magnifier':
      return { name };
    case 'set': {
      if (first === 'fullscreen') {
        const value = yesNo(second);
        if (value !== null) return { name, property: first, value };
      }
      if (first === 'speed') {
        const value = number(second);
        if (value !== null && value > 0) return { name, property: first, value };
      }
      break;
    }
    case 'seek': {
      const seconds = number(first);
      const mode = second === undefined ? 'relative' : second;
      if (seconds !== null && (mode === 'relative' || mode === 'absolute' || mode === 'absolute-percent')) {
        return { name, seconds, mode };
      }
      break;
    }
    case 'add': {
      const value = number(second);
      if ((first === 'volume' || first === 'speed' || first === 'compare-position' || first === 'sub-delay' || first === 'sub-scale') && value !== null) return { name, property: first, value };
      break;
    }
    case 'multiply': {
      const factor = number(second);
      if (first === 'speed' && factor !== null && factor > 0) return { name, property: first, factor };
      break;
    }
    case 'frame-step':
      return { name: 'frame-step', direction: 1 };
    case 'frame-back-step':
      return { name: 'frame-step', direction: -1 };
    case 'quit':
    case 'stop':
      return { name: 'quit' };
    case 'ignore':
      return { name: 'ignore' };
  }
  return `unsupported command "${text.trim()}"`;
}
