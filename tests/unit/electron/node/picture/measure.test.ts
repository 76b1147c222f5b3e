import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LumaFrame } from '../../../../../electron/node/picture/measure';
import { defaultMeasureOptions, measurePicture } from '../../../../../electron/node/picture/measure';
import { measureInWorker } from '../../../../../electron/node/picture/pictureWorker';
import { unhelpfulFrame } from '../../../../../electron/node/picture/sampleFrames';
import { nativeCaseFrame, nativeCases } from '../../../../fixtures/nativeTestSet';

const corpus = path.resolve(import.meta.dirname, '../../../../../../shared/corpus');
const folder = path.join(os.tmpdir(), 'kirei-native-cases');
const caseNamed = (name: string) => {
  const found = nativeCases().find((entry) => entry.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return nativeCaseFrame(found, corpus, folder);
};

function flatFrame(value: number): LumaFrame {
  return { width: 1920, height: 1080, data: new Uint8Array(1920 * 1080).fill(value) };
}

// Three of bench:native's pictures (its full set runs there): the descale must find the height a
// picture was drawn at whatever kernel brought it back up, and no height in an untouched frame.
describe('the height a picture was drawn at', () => {
  it('finds 720 lines in a frame upscaled from 720p with bilinear', () => {
    const result = measurePicture([caseNamed('anime4kmetal_original_1080p.png 720p lanczos 3 → bilinear')], defaultMeasureOptions);
    expect(result.native.height).toBe(720);
    expect(result.native.kernel).toBe('bilinear');
    expect(result.native.confidence).toBeGreaterThan(0.5);
  }, 60_000);

  it('finds 864 lines and the kernel of a bicubic upscale (in the worker the app runs it in)', async () => {
    const result = await measureInWorker([caseNamed('anime4k_Quin_1080p_Corrected.png 864p bilinear → bicubic b=0 c=0.5')]);
    expect(result.native.height).toBe(864);
    expect(result.native.kernel).toBe('bicubic b=0 c=0.5');
  }, 60_000);

  it('says native for a frame at its own height', () => {
    const result = measurePicture([caseNamed('anime4k_Quin_1080p_Corrected.png original')], defaultMeasureOptions);
    expect(result.native.height).toBeNull();
  }, 60_000);

  it('finds 810 lines through x264, where codec blocks also dip, and none in an untouched JPEG', () => {
    // Three quarters of the file is in step with 8-line blocks: the true dip here is 0.29 deep,
    // the JPEG original's false one 0.46; the bar between them keeps both right.
    const compressed = measurePicture([caseNamed('anime4k_Quin_1080p.jpg 810p bicubic b=0 c=0.5 → bilinear, x264 CRF 12')], defaultMeasureOptions);
    expect(compressed.native.height).toBe(810);
    expect(measurePicture([caseNamed('anime4k_Slime_1080p.jpg original')], defaultMeasureOptions).native.height).toBeNull();
  }, 60_000);

  it('says native, not a guess, for a picture with nothing to measure', () => {
    expect(measurePicture([flatFrame(128)], defaultMeasureOptions).native.height).toBeNull();
    expect(measurePicture([], defaultMeasureOptions).native.height).toBeNull();
  });
});

describe('lines and noise', () => {
  it('reads the lines of a picture drawn at 540p as softer than the original', () => {
    const original = measurePicture([caseNamed('anime4kmetal_original_1080p.png original')], defaultMeasureOptions).lines;
    const upscaled = measurePicture([caseNamed('anime4kmetal_original_1080p.png 540p bilinear → bicubic b=0 c=0.5')], defaultMeasureOptions).lines;
    expect(upscaled.edgeWidth).toBeGreaterThan(original.edgeWidth + 0.4);
  }, 60_000);

  it('measures added noise in levels', () => {
    const clean = caseNamed('anime4kmetal_original_1080p.png original');
    const noisy = new Uint8Array(clean.data);
    let seed = 7;
    for (let index = 0; index < noisy.length; index++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noisy[index] = Math.max(0, Math.min(255, (noisy[index] ?? 0) + Math.round(((seed >>> 16) / 65536 - 0.5) * 12)));
    }
    const before = measurePicture([clean], defaultMeasureOptions).lines.noise;
    const after = measurePicture([{ ...clean, data: noisy }], defaultMeasureOptions).lines.noise;
    // Uniform noise of ±6 levels has a deviation of about 3.5.
    expect(before).toBeLessThan(1);
    expect(after).toBeGreaterThan(2.5);
  }, 60_000);
});

describe('frames left out of the measurement', () => {
  it('leaves out black, flat and credit frames and keeps a drawing', () => {
    expect(unhelpfulFrame(flatFrame(4))).toBe('black');
    expect(unhelpfulFrame(flatFrame(180))).toBe('flat');
    const credits = flatFrame(8);
    for (let row = 500; row < 540; row++) for (let column = 600; column < 1300; column += 3) credits.data[row * 1920 + column] = 240;
    expect(unhelpfulFrame(credits)).toBe('credits');
    expect(unhelpfulFrame(caseNamed('anime4kmetal_original_1080p.png original'))).toBeNull();
  });
});
