import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PictureEstimate } from '../../../../electron/common/picture';
import type { UpscalePreset } from '../../../../electron/common/upscaling';
import { presetKey, presetLabel } from '../../../../electron/common/upscaling';
import { tiersOf } from '../../../../renderer/upscale/presets';
import { defaultSettings } from '../../../../electron/common/settings';
import type { PassFailure } from '../../../../renderer/upscale/stage';
import type { PresetCompiler } from '../../../../renderer/player/presetController';
import { PresetController } from '../../../../renderer/player/presetController';
import type { CompileOutcome } from '../../../../renderer/player/stageHost';
import type { PresetState } from '../../../../renderer/store/pipelineSlice';
import { fakePorts, openedMedia } from './fakePorts';

/** A compiler that records what it was asked for; a preset named in `failing` fails, one in `overtaken` is overtaken. */
function fakeCompiler(options: { failing?: string[]; overtaken?: string[] } = {}) {
  const compiled: string[] = [];
  const compiler: PresetCompiler = {
    compilePreset(preset: UpscalePreset): Promise<CompileOutcome> {
      const key = presetKey(preset);
      compiled.push(key);
      if (options.overtaken?.includes(key)) return Promise.resolve({ current: false });
      const failure: PassFailure | null = options.failing?.includes(key) ? { description: 'Pass 3', message: 'the shader has too many registers', numberedSource: '1 void main() {}' } : null;
      return Promise.resolve({ current: true, failure });
    },
  };
  return { compiler, compiled };
}

/** Every change of the preset fields in the store, in order. */
function watchPresetState(ports: ReturnType<typeof fakePorts>) {
  const changes: Partial<PresetState>[] = [];
  ports.store.subscribe((state, previous) => {
    const change: Partial<PresetState> = {};
    if (state.activePreset !== previous.activePreset) change.activePreset = state.activePreset;
    if (state.presetReason !== previous.presetReason) change.presetReason = state.presetReason;
    if (state.manualPreset !== previous.manualPreset) change.manualPreset = state.manualPreset;
    if (state.presetFailure !== previous.presetFailure) change.presetFailure = state.presetFailure;
    if (Object.keys(change).length > 0) changes.push(change);
  });
  return changes;
}

const settle = async () => {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
};

describe('the preset controller', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives an opened file the preset its rule names and announces it once', async () => {
    const ports = fakePorts();
    const { compiler, compiled } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(720));
    controller.say('Resuming at 3:00');
    await settle();
    expect(compiled).toEqual(['cnn:B:fast']);
    const state = ports.store.getState();
    expect(state.activePreset).toEqual({ kind: 'cnn', mode: 'B', tier: 'fast' });
    expect(state.presetReason).toMatch(/^720p source → /);
    // The note waiting for the announcement is said with it, in one message.
    expect(state.osdLog).toEqual([`Resuming at 3:00 · ${state.presetReason}`]);
    controller.refresh();
    await settle();
    expect(ports.store.getState().osdLog).toHaveLength(1);
  });

  it('puts the viewer’s pick on screen, and goes back to the rules when asked', async () => {
    const ports = fakePorts();
    const { compiler, compiled } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080));
    await settle();
    const changes = watchPresetState(ports);
    controller.choose({ kind: 'classic' });
    await settle();
    controller.choose(null);
    await settle();
    expect(compiled).toEqual(['cnn:A:fast', 'classic', 'cnn:A:fast']);
    expect(changes).toEqual([
      { manualPreset: { kind: 'classic' } },
      { activePreset: { kind: 'classic' }, presetReason: `Chosen by you → ${presetLabel({ kind: 'classic' })}` },
      { manualPreset: null },
      { activePreset: { kind: 'cnn', mode: 'A', tier: 'fast' }, presetReason: expect.stringMatching(/^1080p source/) as string },
    ]);
  });

  it('keeps the tier across mode keys where the mode has it, and says tiers need a CNN mode', async () => {
    const settings = defaultSettings();
    settings.upscaling.tier = 'hq';
    const ports = fakePorts(settings);
    const { compiler } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(480));
    await settle();
    controller.chooseMode('A');
    await settle();
    expect(ports.store.getState().activePreset).toEqual({ kind: 'cnn', mode: 'A', tier: 'hq' });
    controller.cycleTier();
    await settle();
    const tiers = tiersOf('A');
    expect(ports.store.getState().activePreset).toEqual({ kind: 'cnn', mode: 'A', tier: tiers[(tiers.indexOf('hq') + 1) % tiers.length] });
    controller.chooseMode('off');
    controller.cycleTier();
    expect(ports.store.getState().osdLog.at(-1)).toBe('Tiers apply to the Anime4K CNN modes');
  });

  it('falls back to the plain scaler and says why when a preset cannot compile', async () => {
    const ports = fakePorts();
    const { compiler } = fakeCompiler({ failing: ['cnn:A:fast'] });
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080));
    await settle();
    const state = ports.store.getState();
    expect(state.activePreset).toEqual({ kind: 'off' });
    const label = presetLabel({ kind: 'cnn', mode: 'A', tier: 'fast' });
    expect(state.presetReason).toBe(`${label} could not run on this GPU`);
    expect(state.presetFailure).toEqual({ message: 'Pass 3: the shader has too many registers', detail: '1 void main() {}' });
    expect(state.toastLog).toEqual([`${label} could not start on this graphics card, so the picture uses the plain scaler.`]);
  });

  it('writes nothing for a request a newer one overtook', async () => {
    const ports = fakePorts();
    const { compiler } = fakeCompiler({ overtaken: ['cnn:A:fast'] });
    const controller = new PresetController(ports, compiler);
    const changes = watchPresetState(ports);
    controller.open(openedMedia(1080));
    await settle();
    // The overtaken compile neither draws nor announces.
    expect(changes).toEqual([]);
    expect(ports.store.getState().osdLog).toEqual([]);
  });

  it('steps down when frames stay over budget, and only while playing with the governor on', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const ports = fakePorts();
    const { compiler, compiled } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(720));
    controller.choose({ kind: 'cnn', mode: 'B', tier: 'hq' });
    await settle();
    const budget = 1000 / 23.976;
    for (; now <= 3000; now += budget) controller.observe(budget * 2, budget, true);
    expect(controller.running).toEqual({ kind: 'cnn', mode: 'B', tier: 'hq' });
    for (now = 0; now <= 3000; now += budget) controller.observe(budget * 2, budget, false);
    await settle();
    expect(controller.running).toEqual({ kind: 'cnn', mode: 'B', tier: 'fast' });
    expect(compiled.at(-1)).toBe('cnn:B:fast');
    const state = ports.store.getState();
    expect(state.activePreset).toEqual({ kind: 'cnn', mode: 'B', tier: 'fast' });
    expect(state.presetReason).toMatch(/^Governor: GPU too slow \(GPU 83\.4 ms of a 41\.7 ms frame\) → /);
    const [hq, fast] = [presetLabel({ kind: 'cnn', mode: 'B', tier: 'hq' }), presetLabel({ kind: 'cnn', mode: 'B', tier: 'fast' })];
    expect(state.osdLog.at(-1)).toBe(`This graphics card is too slow for ${hq}; using ${fast}`);
  });

  it('leaves the preset alone with the governor switched off', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const settings = defaultSettings();
    settings.upscaling.governor = false;
    const ports = fakePorts(settings);
    const { compiler, compiled } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(720));
    await settle();
    for (; now <= 5000; now += 40) controller.observe(400, 40, false);
    await settle();
    expect(compiled).toEqual(['cnn:B:fast']);
  });

  it('keeps the last preset that ran when a shader chain cannot run, and says why; with none yet, the rules choose', async () => {
    const settings = defaultSettings();
    settings.shaders.chains = [{ name: 'Broken', files: ['broken.glsl'] }];
    const ports = fakePorts(settings);
    const { compiler, compiled } = fakeCompiler({ failing: ['shaders:Broken'] });
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080));
    await settle();
    controller.chooseChain('Broken');
    await settle();
    expect(compiled).toEqual(['cnn:A:fast', 'shaders:Broken', 'cnn:A:fast']);
    const state = ports.store.getState();
    expect(state.activePreset).toEqual({ kind: 'cnn', mode: 'A', tier: 'fast' });
    expect(state.presetReason).toBe('Shaders: Broken could not run (the shader has too many registers) → kept Anime4K Mode A · Fast');
    expect(state.toasts.at(-1)?.text).toBe('The shader chain “Broken” could not run, so the picture stays with Anime4K Mode A · Fast.');
    // A name no chain has is said, and nothing changes.
    controller.chooseChain('Nowhere');
    await settle();
    expect(compiled).toHaveLength(3);
    expect(ports.store.getState().osdLog.at(-1)).toBe('No shader chain is named “Nowhere”: see Settings → Shaders');
  });

  it('falls back as from a failed start when the stage drops a running chain it cannot plan at this size', async () => {
    const settings = defaultSettings();
    settings.shaders.chains = [{ name: 'Huge', files: ['huge.glsl'] }];
    const ports = fakePorts(settings);
    const { compiler, compiled } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080));
    await settle();
    controller.chooseChain('Huge');
    await settle();
    expect(ports.store.getState().activePreset).toEqual({ kind: 'shaders', chain: 'Huge' });
    await controller.failedWhileRunning({ description: 'At 1920×1080', message: '“Far too large” would draw a 192000×1080 picture here; Kirei draws at most 8192 pixels a side', numberedSource: '' });
    await settle();
    expect(compiled.at(-1)).toBe('cnn:A:fast');
    const state = ports.store.getState();
    expect(state.activePreset).toEqual({ kind: 'cnn', mode: 'A', tier: 'fast' });
    expect(state.presetReason).toBe('Shaders: Huge could not run (“Far too large” would draw a 192000×1080 picture here; Kirei draws at most 8192 pixels a side) → Anime4K Mode A · Fast');
    expect(state.toasts.at(-1)?.text).toBe('The shader chain “Huge” could not run, so the picture uses Anime4K Mode A · Fast.');
  });
});

describe('the preset controller and the picture', () => {
  const estimate = (drawnHeight: number, source: 'file' | 'series'): PictureEstimate => ({
    fileHeight: 1080, drawnHeight, kernel: 'bilinear', confidence: 0.9, edgeWidth: 3, noise: 0.3, blockiness: 1.2, banding: 0.3, frames: 6, seconds: 2.5, source,
  });

  it('starts on the rule, moves to the series’ estimate at once and to the file’s own when it is measured, and says so', async () => {
    const asked: boolean[] = [];
    const ports = fakePorts(defaultSettings(), {
      picture: ({ measure }) => {
        asked.push(measure);
        return Promise.resolve(measure ? estimate(540, 'file') : estimate(720, 'series'));
      },
    });
    const { compiler, compiled } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080, 'show'));
    await settle();
    await settle();
    expect(asked).toEqual([false, true]);
    // The rule's Mode A, the series' (drawn at 720p, soft: A again), then the file's (drawn at 540p: C).
    expect(compiled).toEqual(['cnn:A:fast', 'cnn:A:fast', 'cnn:C:hq']);
    const state = ports.store.getState();
    expect(state.presetReason).toBe('1080p file, drawn at 540p (confidence 0.90), soft lines → Anime4K Mode C · HQ');
    expect(state.picture).toMatchObject({ status: 'measured', estimate: { drawnHeight: 540 } });
    expect(state.osdLog.at(-1)).toBe(state.presetReason);
  });

  it('does not look while the setting is off, looks once when it is turned on, and keeps the viewer’s pick', async () => {
    let calls = 0;
    const ports = fakePorts({ ...defaultSettings(), upscaling: { ...defaultSettings().upscaling, fromPicture: false } }, {
      picture: ({ measure }) => {
        calls++;
        return Promise.resolve(measure ? estimate(540, 'file') : null);
      },
    });
    const { compiler } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080));
    controller.choose({ kind: 'classic' });
    await settle();
    expect(calls).toBe(0);
    expect(ports.store.getState().picture).toMatchObject({ status: 'skipped', problem: '“Choose the mode from the picture” is off' });
    const settings = ports.store.getState().settings ?? defaultSettings();
    ports.store.getState().setSettings({ ...settings, upscaling: { ...settings.upscaling, fromPicture: true } });
    controller.refresh();
    controller.refresh();
    await settle();
    await settle();
    expect(calls).toBe(2);
    expect(ports.store.getState().picture?.estimate?.drawnHeight).toBe(540);
    expect(ports.store.getState().activePreset).toEqual({ kind: 'classic' });
  });

  it('says in the readout why the picture could not be measured, and keeps the rule', async () => {
    const ports = fakePorts(defaultSettings(), {
      picture: ({ measure }) => (measure ? Promise.reject(new Error('No frame of this file showed enough of a drawing to measure.')) : Promise.resolve(null)),
    });
    const { compiler } = fakeCompiler();
    const controller = new PresetController(ports, compiler);
    controller.open(openedMedia(1080));
    await settle();
    await settle();
    expect(ports.store.getState().picture).toMatchObject({ status: 'failed', problem: 'No frame of this file showed enough of a drawing to measure.' });
    expect(ports.store.getState().presetReason).toBe('1080p source → Anime4K Mode A · Fast');
  });

  it('says why a file is not looked at: too few lines, or larger than what is measured', async () => {
    // The second: never left saying "measuring…" when the main process declines to measure.
    const cases = [
      { height: 480, problem: 'a 480-line file keeps the rules: files from 600 lines up are measured' },
      { height: 4320, problem: 'pictures larger than 4096×2160 keep the rules' },
    ];
    for (const { height, problem } of cases) {
      const ports = fakePorts(defaultSettings(), { picture: () => Promise.resolve(null) });
      new PresetController(ports, fakeCompiler().compiler).open(openedMedia(height));
      await settle();
      await settle();
      expect(ports.store.getState().picture).toMatchObject({ status: 'skipped', problem });
    }
  });
});
