/**
 * mpv's `frame` and `random` for user shaders. `frame` counts the video frames the stage has
 * computed; `random` is a fresh number in [0, 1) for each pass of each frame, as libplacebo
 * draws one per pass. Both are fixed for a frame: a redraw of a paused frame (a resize, the split
 * moving) shows the same grain, not a new one.
 */
export function randomOf(frame: number, pass: number): number {
  // splitmix32 of the frame and the pass: cheap, and far from the patterns a counter would show.
  let state = (Math.imul(frame | 0, 0x9e3779b9) ^ Math.imul(pass + 1, 0x85ebca6b)) >>> 0;
  state = Math.imul(state ^ (state >>> 16), 0x21f0aaad) >>> 0;
  state = Math.imul(state ^ (state >>> 15), 0x735a2d97) >>> 0;
  return ((state ^ (state >>> 15)) >>> 0) / 4294967296;
}

/** Whether a user shader's body reads `frame` or `random`: its picture changes with time alone. */
export function readsTime(body: string): boolean {
  return /\b(?:frame|random)\b/.test(body);
}
