import { describe, expect, it } from 'vitest';
import { scalerKinds } from '../../../../electron/common/upscaling';
import { kernelWeight, scalerRadius } from '../../../../renderer/upscale/scalers';

describe('scaler kernels', () => {
  it.each(scalerKinds)('%s is symmetric, zero beyond its radius, and its taps sum to one', (kind) => {
    const radius = scalerRadius[kind];
    expect(kernelWeight(kind, radius + 0.01)).toBe(0);
    for (const x of [0.1, 0.5, 1.3, 1.9]) expect(kernelWeight(kind, x)).toBeCloseTo(kernelWeight(kind, -x), 12);
    for (const phase of [0, 0.25, 0.5, 0.75]) {
      let sum = 0;
      for (let tap = -radius; tap <= radius + 1; tap++) sum += kernelWeight(kind, tap - phase);
      // Lanczos is not a partition of unity; the shader normalises, so only near one is required.
      expect(sum).toBeCloseTo(1, kind === 'lanczos3' ? 1 : 10);
    }
  });

  it('interpolates (passes through samples) except Mitchell, which smooths', () => {
    expect(kernelWeight('catmull-rom', 0)).toBe(1);
    expect(kernelWeight('catmull-rom', 1)).toBeCloseTo(0, 12);
    expect(kernelWeight('lanczos3', 1)).toBeCloseTo(0, 12);
    expect(kernelWeight('bilinear', 0.25)).toBe(0.75);
    expect(kernelWeight('mitchell', 0)).toBeCloseTo(8 / 9, 12);
  });

  it('Catmull-Rom overshoots (negative lobes), bilinear never does', () => {
    expect(kernelWeight('catmull-rom', 1.5)).toBeLessThan(0);
    expect(kernelWeight('bilinear', 1.5)).toBe(0);
  });
});
