/**
 * Key names as mpv writes them in input.conf, so that bindings read the same as an mpv user's.
 * Printable keys are the character itself (Shift is already in it: `S`, `?`, `{`); other keys
 * have names (SPACE, LEFT, ESC…). Modifiers come first in the order Ctrl+Alt+Meta+Shift.
 */
const namedKeys: Record<string, string> = {
  ' ': 'SPACE',
  Spacebar: 'SPACE',
  Enter: 'ENTER',
  Escape: 'ESC',
  Backspace: 'BS',
  Tab: 'TAB',
  ArrowLeft: 'LEFT',
  ArrowRight: 'RIGHT',
  ArrowUp: 'UP',
  ArrowDown: 'DOWN',
  PageUp: 'PGUP',
  PageDown: 'PGDWN',
  Home: 'HOME',
  End: 'END',
  Delete: 'DEL',
  Insert: 'INS',
  MediaPlayPause: 'PLAYPAUSE',
  MediaPlay: 'PLAY',
  MediaPause: 'PAUSE',
  MediaStop: 'STOP',
  MediaTrackNext: 'NEXT',
  MediaTrackPrevious: 'PREV',
  AudioVolumeMute: 'MUTE',
  AudioVolumeUp: 'VOLUME_UP',
  AudioVolumeDown: 'VOLUME_DOWN',
  '#': 'SHARP',
};

const modifierOnly = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'OS', 'Dead', 'Unidentified']);

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export function keyName(event: KeyLike): string | null {
  if (modifierOnly.has(event.key)) return null;
  let base = namedKeys[event.key];
  if (!base && /^F\d{1,2}$/.test(event.key)) base = event.key;
  const printable = !base && /^.$/u.test(event.key);
  if (!base && !printable) return null;
  // With Ctrl, browsers report the unshifted digit or letter; name it as mpv does (Ctrl+1, Ctrl+s).
  if (printable) {
    base = event.key;
    if ((event.ctrlKey || event.altKey || event.metaKey) && event.code?.startsWith('Digit')) base = event.code.slice(5);
  }
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.metaKey) parts.push('Meta');
  // Shift is part of a visible character already (S, ?, #); for named keys and space it is a modifier.
  if (event.shiftKey && !/^\S$/u.test(event.key)) parts.push('Shift');
  parts.push(base ?? '');
  return parts.join('+');
}

/** Normalises a key written by a user (`ctrl+s`, `Shift+Right`) to the form keyName produces. */
export function normaliseKeySpec(spec: string): string {
  const parts = spec.split('+');
  // A lone "+" key, or one written as "Ctrl++".
  const rawBase = spec.endsWith('++') ? '+' : (parts.pop() ?? '');
  const modifiers = new Set(
    (spec.endsWith('++') ? parts.slice(0, -2) : parts).map((part) => part.toLowerCase()),
  );
  const upper = rawBase.toUpperCase();
  const named = Object.values(namedKeys).includes(upper) || /^F\d{1,2}$/.test(upper) || upper === 'KP_ENTER';
  const base = named ? upper : rawBase;
  const ordered: string[] = [];
  if (modifiers.has('ctrl')) ordered.push('Ctrl');
  if (modifiers.has('alt')) ordered.push('Alt');
  if (modifiers.has('meta')) ordered.push('Meta');
  if (modifiers.has('shift')) {
    // Shift+s is the same key as S in mpv.
    if (!named && base.length === 1) return [...ordered, base.toUpperCase()].join('+');
    ordered.push('Shift');
  }
  ordered.push(base);
  return ordered.join('+');
}
