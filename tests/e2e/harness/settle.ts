import { expect } from '@playwright/test';

/**
 * Reads until two reads in a row agree, and returns the last: what was asked for (a redraw, a
 * subtitle frame from the worker, a resize) has landed. It waits as long as the work takes on a
 * busy machine, up to the timeout, instead of a fixed pause that is too short there and too long here.
 */
export async function settled<T>(read: () => Promise<T>, same: (a: T, b: T) => boolean, message: string, timeout = 20_000): Promise<T> {
  let previous = await read();
  await expect
    .poll(
      async () => {
        const next = await read();
        const agreed = same(previous, next);
        previous = next;
        return agreed;
      },
      { message, timeout },
    )
    .toBe(true);
  return previous;
}

/** Two byte arrays (screenshots, read-back pixels) with the same content. */
export function sameBytes(a: ArrayLike<number> | null | undefined, b: ArrayLike<number> | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
