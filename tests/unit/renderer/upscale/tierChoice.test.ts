import { describe, expect, it } from 'vitest';
import { benchmarkOutputSize, chooseTier, fullSizeWorthRunning, gpuIdentity, tierBenchmarkDefaults } from '../../../../renderer/upscale/tierChoice';

describe('the first-run tier measurement', () => {
  it('chooses HQ only when Mode A HQ fits in half of a 23.976 fps frame', () => {
    expect(chooseTier(2.27, tierBenchmarkDefaults)).toBe('hq');
    expect(chooseTier(20.8, tierBenchmarkDefaults)).toBe('hq');
    expect(chooseTier(20.9, tierBenchmarkDefaults)).toBe('fast');
    // Did not finish in time: certainly not HQ.
    expect(chooseTier(null, tierBenchmarkDefaults)).toBe('fast');
  });

  it('measures at the screen’s resolution, between 1080p and 4K', () => {
    expect(benchmarkOutputSize(1920, 1080, 2)).toEqual({ width: 3840, height: 2160 });
    expect(benchmarkOutputSize(1280, 720, 1)).toEqual({ width: 1920, height: 1080 });
    expect(benchmarkOutputSize(2560, 1440, 1)).toEqual({ width: 2560, height: 1440 });
    expect(benchmarkOutputSize(3840, 2160, 1.5)).toEqual({ width: 3840, height: 2160 });
  });

  it('names the backend with the adapter, so that switching backend measures again', () => {
    expect(gpuIdentity({ backend: 'webgpu', renderer: 'NVIDIA H100' })).toBe('WebGPU · NVIDIA H100');
    expect(gpuIdentity({ backend: 'webgl2', renderer: 'NVIDIA H100' })).not.toBe(gpuIdentity({ backend: 'webgpu', renderer: 'NVIDIA H100' }));
  });
});

describe('the small picture measured first', () => {
  it('runs the full size only when the small one predicts a frame within a few budgets', () => {
    // 16× the pixels: 2 ms small → 32 ms full, worth confirming.
    expect(fullSizeWorthRunning(2, tierBenchmarkDefaults)).toBe(true);
    // 300 ms small → about 4.8 s a frame: the window would freeze for seconds at a time.
    expect(fullSizeWorthRunning(300, tierBenchmarkDefaults)).toBe(false);
    expect(fullSizeWorthRunning(null, tierBenchmarkDefaults)).toBe(false);
  });
});
