/**
 * The reference scalers: the final resize to the canvas and the "before" side of the compare
 * slider. The formulas here are the CPU twin of shaders/webgl2/resample.frag.
 */
import type { ScalerKind } from '../../electron/common/upscaling';

export type { ScalerKind };

export const scalerIndex: Record<ScalerKind, number> = { bilinear: 0, 'catmull-rom': 1, mitchell: 2, lanczos3: 3 };
export const scalerRadius: Record<ScalerKind, number> = { bilinear: 1, 'catmull-rom': 2, mitchell: 2, lanczos3: 3 };

function mitchellNetravali(distance: number, b: number, c: number): number {
  const x = Math.abs(distance);
  if (x < 1) return ((12 - 9 * b - 6 * c) * x ** 3 + (-18 + 12 * b + 6 * c) * x ** 2 + (6 - 2 * b)) / 6;
  if (x < 2) return ((-b - 6 * c) * x ** 3 + (6 * b + 30 * c) * x ** 2 + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6;
  return 0;
}

function sinc(x: number): number {
  if (Math.abs(x) < 1e-5) return 1;
  const angle = Math.PI * x;
  return Math.sin(angle) / angle;
}

export function kernelWeight(kind: ScalerKind, distance: number): number {
  switch (kind) {
    case 'bilinear':
      return Math.max(0, 1 - Math.abs(distance));
    case 'catmull-rom':
      return mitchellNetravali(distance, 0, 0.5);
    case 'mitchell':
      return mitchellNetravali(distance, 1 / 3, 1 / 3);
    case 'lanczos3':
      return Math.abs(distance) < 3 ? sinc(distance) * sinc(distance / 3) : 0;
  }
}
