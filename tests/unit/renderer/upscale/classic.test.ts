import { describe, expect, it } from 'vitest';
import { classicPasses } from '../../../../renderer/upscale/passes';
import { planPasses } from '../../../../renderer/upscale/planner';
import { classicDefaults } from '../../../../renderer/upscale/presets';
import type { FloatImage } from '../../../../renderer/upscale/reference/image';
import { createImage } from '../../../../renderer/upscale/reference/image';
import { bilinearResize } from '../../../../renderer/upscale/reference/programs';
import { runPlanOnCpu } from '../../../../renderer/upscale/reference/runPlan';

/** Generated line art: a dark anti-aliased line and a soft dark-to-light edge on a light background. */
function lineArt(width: number, height: number): FloatImage {
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const distance = Math.abs(x - 0.6 * y - 6);
      const line = Math.min(1, Math.max(0, distance - 0.6));
      const edge = 0.15 + 0.7 / (1 + Math.exp(-(y - height / 2) * 1.5));
      const value = Math.min(line, 1) * edge + (1 - Math.min(line, 1)) * 0.08;
      const offset = (y * width + x) * 4;
      image.data.set([value, value * 0.95, value * 0.9, 1], offset);
    }
  }
  return image;
}

function steepness(image: FloatImage, column: number): number {
  let steepest = 0;
  for (let y = 1; y < image.height; y++) {
    const above = image.data[((y - 1) * image.width + column) * 4] ?? 0;
    const below = image.data[(y * image.width + column) * 4] ?? 0;
    steepest = Math.max(steepest, Math.abs(below - above));
  }
  return steepest;
}

describe('classic Anime4K (2019 push algorithm)', () => {
  const source = lineArt(32, 24);
  const output = { width: 64, height: 48 };
  const result = runPlanOnCpu(planPasses(classicPasses(classicDefaults), source, output), source);
  const plain = bilinearResize(source, output);

  it('makes edges steeper than the pre-upscale alone', () => {
    let steeper = 0;
    for (const column of [50, 55, 60]) if (steepness(result, column) > steepness(plain, column) * 1.1) steeper++;
    expect(steeper).toBeGreaterThanOrEqual(2);
  });

  it('never overshoots: every pixel stays within the min and max of the pre-upscaled image around it (two 3×3 passes reach 5×5)', () => {
    for (let y = 0; y < output.height; y++) {
      for (let x = 0; x < output.width; x++) {
        for (let channel = 0; channel < 3; channel++) {
          let low = Number.POSITIVE_INFINITY;
          let high = Number.NEGATIVE_INFINITY;
          for (let dy = -2; dy <= 2; dy++) {
            for (let dx = -2; dx <= 2; dx++) {
              const px = Math.min(output.width - 1, Math.max(0, x + dx));
              const py = Math.min(output.height - 1, Math.max(0, y + dy));
              const value = plain.data[(py * output.width + px) * 4 + channel] ?? 0;
              low = Math.min(low, value);
              high = Math.max(high, value);
            }
          }
          const value = result.data[(y * output.width + x) * 4 + channel] ?? 0;
          expect(value).toBeGreaterThanOrEqual(low - 1e-6);
          expect(value).toBeLessThanOrEqual(high + 1e-6);
        }
      }
    }
  });

  it('thins dark lines: fewer dark pixels with the pre-pass than without', () => {
    const withoutThinning = runPlanOnCpu(planPasses(classicPasses({ ...classicDefaults, thinStrength: 0 }), source, output), source);
    const dark = (image: FloatImage) => {
      let count = 0;
      for (let index = 0; index < image.data.length; index += 4) if ((image.data[index] ?? 1) < 0.3) count++;
      return count;
    };
    expect(dark(result)).toBeLessThan(dark(withoutThinning));
  });

  it('leaves a flat image alone', () => {
    const flat = createImage(16, 16);
    flat.data.fill(0.5);
    const upscaled = runPlanOnCpu(planPasses(classicPasses(classicDefaults), flat, { width: 32, height: 32 }), flat);
    for (let index = 0; index < upscaled.data.length; index += 4) expect(upscaled.data[index]).toBeCloseTo(0.5, 6);
  });
});
