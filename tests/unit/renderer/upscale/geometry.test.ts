import { describe, expect, it } from 'vitest';
import { devicePixelSize, fitRect } from '../../../../renderer/upscale/geometry';

describe('fitRect', () => {
  it.each([
    ['exact fit', [1920, 1080, 1280, 720], { x: 0, y: 0, width: 1280, height: 720 }],
    ['letterbox a wide picture', [1920, 800, 1280, 720], { x: 0, y: 93, width: 1280, height: 533 }],
    ['pillarbox a 4:3 picture', [640, 480, 1280, 720], { x: 160, y: 0, width: 960, height: 720 }],
    ['tall window', [1920, 1080, 720, 1280], { x: 0, y: 437, width: 720, height: 405 }],
    ['empty source', [0, 0, 1280, 720], { x: 0, y: 0, width: 0, height: 0 }],
  ] as const)('%s', (_label, [sourceWidth, sourceHeight, canvasWidth, canvasHeight], expected) => {
    expect(fitRect(sourceWidth, sourceHeight, canvasWidth, canvasHeight)).toEqual(expected);
  });

  it('honours anamorphic pixels', () => {
    expect(fitRect(720, 480, 1280, 720, 32 / 27)).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('never exceeds the canvas', () => {
    for (let width = 100; width < 3000; width += 137) {
      for (let height = 100; height < 2000; height += 151) {
        const rect = fitRect(width, height, 1366, 768);
        expect(rect.x + rect.width).toBeLessThanOrEqual(1366);
        expect(rect.y + rect.height).toBeLessThanOrEqual(768);
        expect(rect.width === 1366 || rect.height === 768).toBe(true);
      }
    }
  });
});

describe('devicePixelSize', () => {
  it('rounds CSS size times the pixel ratio', () => {
    expect(devicePixelSize(640.5, 360.25, 1.5)).toEqual({ width: 961, height: 540 });
    expect(devicePixelSize(0, 0, 2)).toEqual({ width: 1, height: 1 });
  });
});
