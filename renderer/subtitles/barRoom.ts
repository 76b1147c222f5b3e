/**
 * Room for the player's bars in an ASS script: while a bar covers the top or the bottom of the
 * picture, the styles placed at that edge keep clear of it by a larger vertical margin. Lines
 * typeset with \pos stay exactly where the typesetter put them; dialogue moves, signs do not.
 */

/** The fields of libass's style that this needs. */
export interface MarginStyle {
  Alignment: number;
  MarginV: number;
}

/** libass keeps alignment as flags: the vertical part is 0 (bottom), 4 (top) or 8 (middle). */
const verticalMask = 12;
const bottom = 0;
const top = 4;

/** A script's PlayResY as libass reads it: given, else derived from PlayResX, else 288. */
export function playResY(script: string): number {
  const info = /\[script info\]([\s\S]*?)(?:\n\[|$)/i.exec(script)?.[1] ?? '';
  const y = Number(/^\s*playresy\s*:\s*(\d+)/im.exec(info)?.[1]);
  if (y > 0) return y;
  const x = Number(/^\s*playresx\s*:\s*(\d+)/im.exec(info)?.[1]);
  if (x > 0) return x === 1280 ? 1024 : Math.round((x * 3) / 4);
  return 288;
}

/**
 * The styles with their vertical margins grown by the room each edge needs (CSS pixels of a
 * picture `pictureHeight` pixels tall); with no room, the originals.
 */
export function stylesWithRoom<T extends MarginStyle>(
  originals: T[],
  room: { top: number; bottom: number },
  pictureHeight: number,
  scriptHeight: number,
): T[] {
  const toScript = pictureHeight > 0 ? scriptHeight / pictureHeight : 0;
  const extra = { top: Math.ceil(room.top * toScript), bottom: Math.ceil(room.bottom * toScript) };
  return originals.map((style) => {
    const vertical = style.Alignment & verticalMask;
    const grow = vertical === bottom ? extra.bottom : vertical === top ? extra.top : 0;
    return grow > 0 ? { ...style, MarginV: style.MarginV + grow } : style;
  });
}
