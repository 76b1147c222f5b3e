import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnimationFrameKind } from '../../../fixtures/animation';
import { animationScript, encodeAndDecode } from '../../../fixtures/animation';
import { compareDrawings, lumaOf, repeatLimits, sameDrawing } from '../../../../renderer/upscale/repeats';

const corpus = path.resolve(import.meta.dirname, '../../../../../shared/corpus');

/** Runs the detector over a sequence as the stage does: each frame against the last one computed. */
function verdicts(frames: Uint8Array[], width: number, height: number): boolean[] {
  let reference = lumaOf(frames[0] ?? new Uint8Array(), width, height);
  return frames.slice(1).map((frame) => {
    const luma = lumaOf(frame, width, height);
    const same = sameDrawing(compareDrawings(luma, reference, width, height));
    if (!same) reference = luma;
    return same;
  });
}

describe('the repeat detector on an encoded animation', () => {
  let folder = '';
  let kinds: AnimationFrameKind[] = [];
  let decoded: Uint8Array[] = [];
  const width = 320;
  const height = 180;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-repeats-'));
    const script = await animationScript(corpus, width, height);
    kinds = script.kinds;
    decoded = await encodeAndDecode(script, path.join(folder, 'animation.mkv'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reuses every held drawing through codec noise, and nothing else', () => {
    expect(decoded).toHaveLength(kinds.length);
    const said = verdicts(decoded, width, height);
    const wrong = said.flatMap((same, index) => {
      const kind = kinds[index + 1];
      return same === (kind === 'held') ? [] : [`frame ${index + 1} (${kind}): ${same ? 'reused' : 'computed'}`];
    });
    expect(wrong).toEqual([]);
    expect(said.filter(Boolean).length).toBe(kinds.filter((kind) => kind === 'held').length);
  });

  it('sees a pan of one pixel, a fade and grain even where each is faint', () => {
    const flat = new Float32Array(64 * 64).fill(128);
    const faded = flat.map((value) => value + repeatLimits.globalMean + 0.1);
    expect(sameDrawing(compareDrawings(faded, flat, 64, 64))).toBe(false);
    const edge = flat.map((_, index) => (index % 64 < 32 ? 100 : 140));
    const panned = flat.map((_, index) => (index % 64 < 33 ? 100 : 140));
    expect(sameDrawing(compareDrawings(panned, edge, 64, 64))).toBe(false);
    // A small change in one corner (a blink) is enough.
    const blink = edge.slice();
    blink[5 * 64 + 5] = 255;
    expect(sameDrawing(compareDrawings(blink, edge, 64, 64))).toBe(false);
    // Grain of a few levels everywhere is a change, though no tile passes its own limits.
    const grain = edge.map((value, index) => value + ((index * 7919) % 5) - 2);
    expect(sameDrawing(compareDrawings(grain, edge, 64, 64))).toBe(false);
    // A level here and there, as a decoder's rounding gives, is not a change.
    const rounding = edge.map((value, index) => value + (index % 4 === 0 ? 1 : 0));
    expect(sameDrawing(compareDrawings(rounding, edge, 64, 64))).toBe(true);
  });
});
