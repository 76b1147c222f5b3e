import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpscalePreset } from '../../../../electron/common/upscaling';
import type { PassDefinition } from '../../../../renderer/upscale/model';
import type { PictureStage } from '../../../../renderer/upscale/stage';

/** Each buildPreset call waits until the test releases it, so the test decides the order requests finish in. */
const pending: { preset: UpscalePreset; release: () => void }[] = [];

vi.mock('../../../../renderer/upscale/presets', () => ({
  buildPreset: (preset: UpscalePreset) =>
    new Promise<PassDefinition[]>((resolve) => {
      pending.push({ preset, release: () => resolve([]) });
    }),
}));
vi.mock('../../../../renderer/upscale/createStage', () => ({ createPictureStage: () => Promise.reject(new Error('not in this test')) }));

const { StageHost } = await import('../../../../renderer/app/stageHost');

function fakeStage(applied: string[]): PictureStage {
  return {
    info: { backend: 'webgl2', renderer: 'test', timing: 'cpu' },
    isContextLost: false,
    setScaler: () => undefined,
    setPreset: (key: string) => {
      applied.push(key);
      return Promise.resolve(null);
    },
    setCompare: () => undefined,
    setHighPrecisionSource: () => undefined,
    resize: () => undefined,
    render: () => true,
    redraw: () => undefined,
    capture: () => Promise.resolve(null),
    currentPlan: () => null,
    pictureRect: () => ({ x: 0, y: 0, width: 0, height: 0 }),
    dispose: () => undefined,
  };
}

function fakeStore() {
  const state = {
    activePreset: { kind: 'off' } as UpscalePreset,
    presetReason: '',
    setActivePreset(preset: UpscalePreset, reason: string) {
      state.activePreset = preset;
      state.presetReason = reason;
    },
    setPresetFailure: () => undefined,
    pushToast: () => undefined,
  };
  return { state, store: { getState: () => state as never } };
}

async function settle() {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
}

describe('StageHost.applyPreset', () => {
  beforeEach(() => {
    pending.length = 0;
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('draws the last preset picked even when an earlier pick finishes loading after it', async () => {
    const applied: string[] = [];
    const { state, store } = fakeStore();
    const host = new StageHost({} as HTMLElement, store);
    host.stage = fakeStage(applied);

    const slow = host.applyPreset({ kind: 'cnn', mode: 'B', tier: 'hq' }, 'first pick');
    const last = host.applyPreset({ kind: 'cnn', mode: 'A', tier: 'fast' }, 'last pick');
    // The last pick's weights were already loaded; the first pick's arrive afterwards.
    pending[1]?.release();
    await last;
    pending[0]?.release();
    await slow;
    await settle();

    expect(applied).toEqual(['cnn:A:fast']);
    expect(state.presetReason).toBe('last pick');
  });

  it('does not apply a preset to a stage that was replaced while it loaded', async () => {
    const replaced: string[] = [];
    const current: string[] = [];
    const { store } = fakeStore();
    const host = new StageHost({} as HTMLElement, store);
    host.stage = fakeStage(replaced);
    const request = host.applyPreset({ kind: 'classic' }, 'rules');
    host.stage = fakeStage(current);
    pending[0]?.release();
    await request;
    expect(replaced).toEqual([]);
    expect(current).toEqual([]);
  });
});
