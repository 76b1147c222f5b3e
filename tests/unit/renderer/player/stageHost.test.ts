import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpscalePreset } from '../../../../electron/common/upscaling';
import type { PassDefinition } from '../../../../renderer/upscale/model';
import type { PictureStage, StageListener } from '../../../../renderer/upscale/stage';
import { fakePorts } from './fakePorts';

/** Each buildPreset call waits until the test releases it, so the test decides the order requests finish in. */
const pending: { preset: UpscalePreset; release: () => void }[] = [];

vi.mock('../../../../renderer/upscale/presets', () => ({
  buildPreset: (preset: UpscalePreset) =>
    new Promise<PassDefinition[]>((resolve) => {
      pending.push({ preset, release: () => resolve([]) });
    }),
}));
/** The listener the host gave the stage it started, so the test can speak as the stage. */
const started: { listener: StageListener | null } = { listener: null };
vi.mock('../../../../renderer/upscale/createStage', () => ({
  createPictureStage: (_newCanvas: unknown, _preference: unknown, listener: StageListener) => {
    started.listener = listener;
    return Promise.resolve({ stage: fakeStage([]), reason: 'test', diagnostics: null });
  },
}));

const { StageHost } = await import('../../../../renderer/player/stageHost');

function fakeStage(applied: string[]): PictureStage {
  return {
    info: { backend: 'webgl2', renderer: 'test', timing: 'cpu' },
    isContextLost: false,
    setScaler: () => undefined,
    setComparePreset: () => Promise.resolve(null),
    setPreset: (key: string) => {
      applied.push(key);
      return Promise.resolve(null);
    },
    setCompare: () => undefined,
    setHighPrecisionSource: () => undefined,
    setReuseRepeats: () => undefined,
    resize: () => undefined,
    render: () => true,
    redraw: () => undefined,
    capture: () => Promise.resolve(null),
    currentPlan: () => null,
    pictureRect: () => ({ x: 0, y: 0, width: 0, height: 0 }),
    dispose: () => undefined,
  };
}

describe('StageHost.compilePreset', () => {
  beforeEach(() => {
    pending.length = 0;
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('compiles the last preset picked even when an earlier pick finishes loading after it', async () => {
    const applied: string[] = [];
    const host = new StageHost({} as HTMLElement, fakePorts());
    host.stage = fakeStage(applied);

    const slow = host.compilePreset({ kind: 'cnn', mode: 'B', tier: 'hq' });
    const last = host.compilePreset({ kind: 'cnn', mode: 'A', tier: 'fast' });
    // The last pick's weights were already loaded; the first pick's arrive afterwards.
    pending[1]?.release();
    expect(await last).toEqual({ current: true, failure: null });
    pending[0]?.release();
    expect(await slow).toEqual({ current: false });
    expect(applied).toEqual(['cnn:A:fast']);
  });

  it('does not compile a preset for a stage that was replaced while it loaded', async () => {
    const replaced: string[] = [];
    const current: string[] = [];
    const host = new StageHost({} as HTMLElement, fakePorts());
    host.stage = fakeStage(replaced);
    const request = host.compilePreset({ kind: 'classic' });
    host.stage = fakeStage(current);
    pending[0]?.release();
    expect(await request).toEqual({ current: false });
    expect(replaced).toEqual([]);
    expect(current).toEqual([]);
  });

  it('compiles the same preset once, and again after it failed', async () => {
    const applied: string[] = [];
    const host = new StageHost({} as HTMLElement, fakePorts());
    const stage = fakeStage(applied);
    let fail = true;
    stage.setPreset = (key) => {
      applied.push(key);
      return Promise.resolve(fail ? { description: 'pass 1', message: 'too many registers', numberedSource: '' } : null);
    };
    host.stage = stage;
    const first = host.compilePreset({ kind: 'classic' });
    pending[0]?.release();
    expect(await first).toMatchObject({ current: true, failure: { message: 'too many registers' } });
    fail = false;
    const second = host.compilePreset({ kind: 'classic' });
    pending[1]?.release();
    expect(await second).toEqual({ current: true, failure: null });
    // Already compiled: nothing is loaded or compiled again.
    expect(await host.compilePreset({ kind: 'classic' })).toEqual({ current: true, failure: null });
    expect(pending).toHaveLength(2);
    expect(applied).toEqual(['classic', 'classic']);
  });
});

describe('StageHost timings', () => {
  beforeEach(() => vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} }));
  afterEach(() => vi.unstubAllGlobals());

  it('passes fresh frames to the readout and the governor, and keeps redraws from both', async () => {
    const ports = fakePorts();
    const { store } = ports;
    const host = new StageHost({} as HTMLElement, ports);
    const frameTimes: number[] = [];
    host.onFrameTime = (milliseconds) => frameTimes.push(milliseconds);
    await host.start('webgl2');
    expect(store.getState().stage).toMatchObject({ backend: 'webgl2', reason: 'test' });
    const listener = started.listener;
    if (!listener) throw new Error('the stage was not started');
    const samples = [
      { label: 'upload', milliseconds: 1 },
      { label: 'Conv2D', milliseconds: 4 },
    ];
    listener.onTimings(samples, 'gpu', 'redraw');
    expect(frameTimes).toEqual([]);
    expect(host.timings.totals().lastMs).toBe(0);
    listener.onTimings(samples, 'gpu', 'fresh');
    expect(frameTimes).toEqual([5]);
    expect(host.timings.totals().lastMs).toBe(5);
    expect(host.timingSource).toBe('gpu');
  });
});
