import { describe, expect, it } from 'vitest';
import { TimingWindow, groupLabel } from '../../../../renderer/upscale/timing';

describe('TimingWindow', () => {
  it('reports last, average and peak per network, and per frame', () => {
    const window = new TimingWindow(3);
    for (const scale of [1, 2, 3, 4]) {
      window.add([
        { label: 'Upload', milliseconds: 0.1 * scale },
        { label: 'Anime4K-v4.0-Restore-CNN-(VL) conv2d_tf (+1)', milliseconds: 1 * scale },
        { label: 'Anime4K-v4.0-Restore-CNN-(VL) conv2d_1_tf (+1)', milliseconds: 2 * scale },
      ]);
    }
    expect(window.frameCount).toBe(3);
    const [upload, restore] = window.passes();
    expect(upload).toMatchObject({ label: 'Upload', lastMs: 0.4 });
    expect(restore?.label).toBe('Restore CNN (VL)');
    expect(restore?.lastMs).toBeCloseTo(12);
    expect(restore?.averageMs).toBeCloseTo(9);
    expect(restore?.peakMs).toBeCloseTo(12);
    expect(window.totals().lastMs).toBeCloseTo(12.4);
    expect(window.totals().peakMs).toBeCloseTo(12.4);
  });

  it('names passes for the readout', () => {
    expect(groupLabel('Anime4K-v3.2-Upscale-CNN-x2-(M) depth-to-space + Clamp Highlights (+1)')).toBe('Upscale CNN ×2 (M) + Clamp');
    expect(groupLabel('Clamp Highlights statistics (x)')).toBe('Clamp Highlights statistics');
    expect(groupLabel('Scale to window')).toBe('Scale to window');
  });
});
