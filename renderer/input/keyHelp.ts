import type { Command } from './commands';
import type { Binding } from './keymap';

/** The tasks the keys are grouped by in the help, in the order shown. */
export const helpGroups = ['Playback', 'Sound', 'Subtitles', 'Upscaling and picture', 'Window and screenshots'] as const;
export type HelpGroup = (typeof helpGroups)[number];

export interface HelpEntry {
  /** Keys as printed on a keyboard: "Space", "→", "Ctrl+1", "Shift+Z". */
  keys: string[];
  text: string;
}

const keyLabels: Record<string, string> = {
  SPACE: 'Space',
  ENTER: 'Enter',
  ESC: 'Esc',
  BS: 'Backspace',
  TAB: 'Tab',
  LEFT: '←',
  RIGHT: '→',
  UP: '↑',
  DOWN: '↓',
  PGUP: 'Page Up',
  PGDWN: 'Page Down',
  HOME: 'Home',
  END: 'End',
  DEL: 'Delete',
  INS: 'Insert',
  SHARP: '#',
  PLAYPAUSE: 'Play/Pause key',
  PLAY: 'Play key',
  PAUSE: 'Pause key',
  STOP: 'Stop key',
  NEXT: 'Next key',
  PREV: 'Previous key',
  MUTE: 'Mute key',
  VOLUME_UP: 'Volume Up key',
  VOLUME_DOWN: 'Volume Down key',
};

/** "Shift+RIGHT" → "Shift+→", "S" → "Shift+S" (a capital is typed with Shift), "?" stays "?". */
export function keyLabel(key: string): string {
  const parts = key.split('+');
  const base = key.endsWith('++') ? '+' : (parts.pop() ?? '');
  const modifiers = key.endsWith('++') ? parts.slice(0, -2) : parts;
  const shown = keyLabels[base] ?? (/^[A-Z]$/.test(base) && !modifiers.includes('Shift') ? `Shift+${base}` : base.length === 1 ? base.toUpperCase() : base);
  return [...modifiers, shown].join('+');
}

function seconds(value: number): string {
  const whole = Math.abs(value);
  return whole >= 60 && whole % 60 === 0 ? `${whole / 60} minute${whole === 60 ? '' : 's'}` : `${whole} s`;
}

const modeNames: Record<string, string> = { off: 'Upscaling off', classic: 'Anime4K Classic' };

/** A command in a viewer's words and the task it belongs to. */
export function describeCommand(command: Command): { group: HelpGroup; text: string } {
  switch (command.name) {
    case 'cycle':
      switch (command.property) {
        case 'pause':
          return { group: 'Playback', text: 'Pause or play' };
        case 'mute':
          return { group: 'Sound', text: 'Mute or unmute' };
        case 'fullscreen':
          return { group: 'Window and screenshots', text: 'Fullscreen on or off' };
        case 'anime4k-tier':
          return { group: 'Upscaling and picture', text: 'Next quality (Fast, HQ, Ultra)' };
        case 'compare':
          return { group: 'Upscaling and picture', text: 'Compare with the plain scaler (split view)' };
        case 'stats':
          return { group: 'Upscaling and picture', text: 'Frame-time readout' };
        case 'sub':
          return { group: 'Subtitles', text: command.direction === 1 ? 'Next subtitle track' : 'Previous subtitle track' };
        case 'audio':
          return { group: 'Sound', text: command.direction === 1 ? 'Next audio track' : 'Previous audio track' };
        case 'sub-visibility':
          return { group: 'Subtitles', text: 'Show or hide subtitles' };
      }
      break;
    case 'set':
      if (command.property === 'fullscreen') return { group: 'Window and screenshots', text: command.value ? 'Fullscreen' : 'Leave fullscreen' };
      return { group: 'Playback', text: command.value === 1 ? 'Normal speed' : `Speed ${command.value}×` };
    case 'seek':
      if (command.mode === 'relative') return { group: 'Playback', text: `${command.seconds < 0 ? 'Back' : 'Forward'} ${seconds(command.seconds)}` };
      return { group: 'Playback', text: command.mode === 'absolute' ? `Go to ${command.seconds} s` : `Go to ${command.seconds} % of the file` };
    case 'add':
      switch (command.property) {
        case 'volume':
          return { group: 'Sound', text: command.value < 0 ? 'Quieter' : 'Louder' };
        case 'speed':
          return { group: 'Playback', text: command.value < 0 ? 'Slower' : 'Faster' };
        case 'compare-position':
          return { group: 'Upscaling and picture', text: `Move the compare divider ${command.value < 0 ? 'left' : 'right'}` };
        case 'sub-delay':
          return { group: 'Subtitles', text: `Subtitles ${command.value < 0 ? 'earlier' : 'later'} by ${Math.abs(command.value)} s` };
        case 'sub-scale':
          return { group: 'Subtitles', text: command.value < 0 ? 'Smaller subtitles' : 'Larger subtitles' };
      }
      break;
    case 'multiply':
      return { group: 'Playback', text: command.factor < 1 ? (command.factor <= 0.5 ? 'Half speed' : 'Slower') : command.factor >= 2 ? 'Double speed' : 'Faster' };
    case 'frame-step':
      return { group: 'Playback', text: command.direction === 1 ? 'Next frame (pauses)' : 'Previous frame (pauses)' };
    case 'quit':
      return { group: 'Window and screenshots', text: 'Back to the library' };
    case 'ignore':
      return { group: 'Playback', text: 'Does nothing (unbound)' };
    case 'anime4k-mode':
      return { group: 'Upscaling and picture', text: modeNames[command.mode] ?? `Anime4K Mode ${command.mode}` };
    case 'shader-chain':
      return { group: 'Upscaling and picture', text: `Shaders: ${command.chain}` };
    case 'show-help':
      return { group: 'Window and screenshots', text: 'This list of keys' };
    case 'screenshot':
      return {
        group: 'Window and screenshots',
        text: command.what === 'subtitles' ? 'Screenshot with subtitles' : command.what === 'video' ? 'Screenshot without subtitles' : 'Screenshot of the window',
      };
    case 'magnifier':
      return { group: 'Upscaling and picture', text: 'Magnifier while held (also the middle mouse button)' };
  }
  return { group: 'Playback', text: 'Unknown' };
}

/** The keymap as the help shows it: grouped by task, keys with the same action on one line. */
export function describeBindings(bindings: Iterable<Binding>): { group: HelpGroup; entries: HelpEntry[] }[] {
  const byGroup = new Map<HelpGroup, Map<string, HelpEntry>>();
  for (const binding of bindings) {
    if (binding.command.name === 'ignore') continue;
    const { group, text } = describeCommand(binding.command);
    const entries = byGroup.get(group) ?? new Map<string, HelpEntry>();
    const entry = entries.get(text) ?? { keys: [], text };
    entry.keys.push(keyLabel(binding.key));
    entries.set(text, entry);
    byGroup.set(group, entries);
  }
  return helpGroups.filter((group) => byGroup.has(group)).map((group) => ({ group, entries: [...(byGroup.get(group)?.values() ?? [])] }));
}
