import type { Page } from '@playwright/test';
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

/** A fingerprint of the stage's picture, computed in the page: settling needs no pixels carried across. */
function pictureDigest(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const frame = await window.kireiInspector?.captureFrame();
    if (!frame) return null;
    let hash = 2166136261;
    for (const value of frame.pixels) hash = Math.imul(hash ^ value, 16777619);
    return hash;
  });
}

/** Waits until the stage's picture has landed: two read-backs in a row agree. */
export async function pictureSettled(page: Page, what: string, timeout = 20_000): Promise<void> {
  await settled(() => pictureDigest(page), (a, b) => a !== null && a === b, `the picture settles: ${what}`, timeout);
}

/** The stage's picture as RGBA bytes, top row first. */
export interface Picture {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * The stage's picture read back, carried across as base64: as an array of numbers a 720p picture
 * is 3.7 million JSON values, which took longer than a poll allows on a busy machine.
 */
export async function readPicture(page: Page): Promise<Picture | null> {
  const encoded = await page.evaluate(async () => {
    const frame = await window.kireiInspector?.captureFrame();
    if (!frame) return null;
    let binary = '';
    const chunk = 0x8000;
    for (let start = 0; start < frame.pixels.length; start += chunk) binary += String.fromCharCode(...frame.pixels.subarray(start, start + chunk));
    return { width: frame.width, height: frame.height, base64: btoa(binary) };
  });
  return encoded ? { width: encoded.width, height: encoded.height, pixels: new Uint8Array(Buffer.from(encoded.base64, 'base64')) } : null;
}
