import { describe, expect, it } from 'vitest';
import type { FrameKind, PassSample, TimingSource } from '../../../../renderer/gpu/timing';
import type { BackendEvents, Lane, PresentLayout, RepeatVerdict, StageBackend } from '../../../../renderer/upscale/backend';
import type { PassDefinition, Size } from '../../../../renderer/upscale/model';
import type { Plan } from '../../../../renderer/upscale/planner';
import { Stage } from '../../../../renderer/upscale/pictureStage';
import type { PassFailure } from '../../../../renderer/upscale/stage';

interface FakeImage extends Size {
  name: string;
}

/** A backend that records what the stage asks of it. */
class RecordingBackend implements StageBackend<FakeImage> {
  readonly info = { backend: 'webgl2' as const, renderer: 'fake', timing: 'gpu' as const };
  lost = false;
  gpuBusy = false;
  failNext: PassFailure | null = null;
  readonly log: string[] = [];
  compileGate: Promise<void> = Promise.resolve();
  /** What the repeat check says of the next frames that are not forced. */
  repeats: RepeatVerdict = 'changed';
  constructor(readonly events: BackendEvents) {}
  busy(): boolean {
    return this.gpuBusy;
  }
  setHighPrecisionSource(enabled: boolean): void {
    this.log.push(`precision ${enabled}`);
  }
  async compile(definitions: PassDefinition[], lane: Lane = 'picture'): Promise<PassFailure | null> {
    this.log.push(`compile ${definitions.map((definition) => definition.description).join('+')}${lane === 'compare' ? ' (compare)' : ''}`);
    await this.compileGate;
    const failure = this.failNext;
    this.failNext = null;
    return failure;
  }
  beginFrame(kind: FrameKind): void {
    this.log.push(`begin ${kind}`);
  }
  upload(_frame: unknown, width: number, height: number): FakeImage {
    this.log.push(`upload ${width}x${height}`);
    return { name: 'source', width, height };
  }
  checkRepeat(_source: FakeImage, force: boolean): RepeatVerdict {
    const verdict = force ? 'changed' : this.repeats;
    this.log.push(`check repeat${force ? ' (forced)' : ''}: ${verdict}`);
    return verdict;
  }
  /** The frame number each run was given (mpv shaders' `frame`). */
  readonly frames: number[] = [];
  run(plan: Plan, source: FakeImage, lane: Lane = 'picture', frame = 0): FakeImage | null {
    this.frames.push(frame);
    this.log.push(`run ${plan.passes.length} passes on ${source.name}${lane === 'compare' ? ' (compare)' : ''}`);
    return { name: lane === 'compare' ? 'compared' : 'upscaled', width: plan.result.width, height: plan.result.height };
  }
  present(picture: FakeImage, reference: FakeImage, layout: PresentLayout, whenChanged = false): void {
    const left = layout.divider === null ? '' : `, left ${reference.name} with ${layout.referenceScaler}`;
    const gated = whenChanged ? ' when changed' : '';
    this.log.push(`present${gated} ${picture.name} at ${layout.rect.x},${layout.rect.y} ${layout.rect.width}x${layout.rect.height} divider ${layout.divider}${left}`);
  }
  endFrame(): void {
    this.log.push('end');
  }
  readBack(picture: FakeImage): Promise<{ width: number; height: number; pixels: Uint8Array }> {
    this.log.push(`read back ${picture.name}`);
    return Promise.resolve({ width: 1, height: 1, pixels: new Uint8Array(4) });
  }
  loseForTesting(): boolean {
    return true;
  }
  dispose(): void {
    this.log.push('dispose');
  }
}

const doubler: PassDefinition = {
  description: 'Double',
  hook: 'MAIN',
  inputs: ['MAIN'],
  output: 'MAIN',
  size: { reference: 'MAIN', scale: 2 },
  when: [],
  components: 4,
  program: { kind: 'bilinear' },
};

function setUp() {
  const canvas = { width: 1920, height: 1080 } as HTMLCanvasElement;
  let backend: RecordingBackend | null = null;
  const heard: string[] = [];
  const stage = new Stage(canvas, (events) => (backend = new RecordingBackend(events)), {
    onContextLost: () => heard.push('lost'),
    onContextRestored: () => heard.push('restored'),
    onTimings: (_samples: PassSample[], source: TimingSource, kind: FrameKind) => heard.push(`timings ${source} ${kind}`),
    onPresetFailed: (failure, lane) => heard.push(`failed ${lane}: ${failure.message}`),
  });
  if (!backend) throw new Error('no backend');
  return { stage, backend: backend as RecordingBackend, heard, canvas };
}

describe('the picture stage over a backend', () => {
  it('drops a preset it cannot plan at this size, draws the plain scaler and says why', async () => {
    const { stage, backend, heard } = setUp();
    const enormous: PassDefinition = { ...doubler, description: 'Enormous', size: { reference: 'MAIN', scale: 100 } };
    expect(await stage.setPreset('enormous', [enormous])).toBeNull();
    expect(stage.render({} as HTMLVideoElement, 960, 400)).toBe(true);
    await Promise.resolve();
    expect(heard).toEqual(['failed picture: “Enormous” would draw a 96000×40000 picture here; Kirei draws at most 8192 pixels a side']);
    expect(backend.log.filter((line) => line.startsWith('run') || line.startsWith('present'))).toEqual(['present source at 0,140 1920x800 divider null']);
    // Dropped: the next frame plans nothing and says nothing more.
    stage.render({} as HTMLVideoElement, 960, 400);
    await Promise.resolve();
    expect(heard).toHaveLength(1);
  });

  it('uploads, upscales once per frame and size, and presents letterboxed; redraws reuse the upscaled picture', async () => {
    const { stage, backend } = setUp();
    expect(await stage.setPreset('double', [doubler])).toBeNull();
    expect(stage.render({} as HTMLVideoElement, 960, 400)).toBe(true);
    stage.redraw();
    stage.setCompare({ enabled: true, position: 0.25, referenceScaler: 'bilinear' });
    stage.redraw();
    expect(backend.log.slice(1)).toEqual([
      'begin fresh',
      'upload 960x400',
      'run 1 passes on source',
      'present upscaled at 0,140 1920x800 divider null',
      'end',
      'begin redraw',
      'present upscaled at 0,140 1920x800 divider null',
      'end',
      'begin redraw',
      'present upscaled at 0,140 1920x800 divider 480, left source with bilinear',
      'end',
    ]);
    expect(stage.pictureRect()).toEqual({ x: 0, y: 140, width: 1920, height: 800 });
    expect(stage.currentPlan()?.passes).toHaveLength(1);
  });

  it('keeps drawing the last good preset while a new one compiles, and the reference after a failure', async () => {
    const { stage, backend } = setUp();
    await stage.setPreset('double', [doubler]);
    let release: () => void = () => undefined;
    backend.compileGate = new Promise((resolve) => (release = resolve));
    backend.failNext = { description: 'Double', message: 'syntax error', numberedSource: '1| x' };
    const pending = stage.setPreset('broken', [doubler]);
    stage.render({} as HTMLVideoElement, 960, 540);
    expect(backend.log.at(-2)).toBe('present upscaled at 0,0 1920x1080 divider null');
    release();
    expect(await pending).toMatchObject({ message: 'syntax error' });
    stage.redraw();
    expect(backend.log.at(-2)).toBe('present source at 0,0 1920x1080 divider null');
    expect(stage.currentPlan()).toBeNull();
  });

  it('lets the newest of two presets asked for in a row win, whichever compiles last', async () => {
    const { stage, backend } = setUp();
    let release: () => void = () => undefined;
    backend.compileGate = new Promise((resolve) => (release = resolve));
    const first = stage.setPreset('first', [doubler]);
    backend.compileGate = Promise.resolve();
    await stage.setPreset('off', []);
    release();
    await first;
    stage.render({} as HTMLVideoElement, 960, 540);
    expect(backend.log).not.toContain('run 1 passes on source');
  });

  it('skips a frame while the GPU is busy or lost, and compiles its preset again when the GPU is back', async () => {
    const { stage, backend, heard } = setUp();
    await stage.setPreset('double', [doubler]);
    backend.gpuBusy = true;
    expect(stage.render({} as HTMLVideoElement, 960, 540)).toBe(false);
    backend.gpuBusy = false;
    backend.lost = true;
    backend.events.onLost();
    expect(stage.render({} as HTMLVideoElement, 960, 540)).toBe(false);
    backend.lost = false;
    backend.events.onRestored();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual(['lost', 'restored']);
    expect(backend.log.filter((line) => line.startsWith('compile'))).toEqual(['compile Double', 'compile Double']);
    backend.events.onTimings([{ label: 'Double', milliseconds: 1 }], 'gpu', 'redraw');
    expect(heard.at(-1)).toBe('timings gpu redraw');
  });

  it('runs a second preset for the split’s left side in its own lane, through the viewer’s scaler, only while the split shows', async () => {
    const { stage, backend } = setUp();
    stage.setScaler('lanczos3');
    await stage.setPreset('double', [doubler]);
    expect(await stage.setComparePreset('other', [{ ...doubler, description: 'Other' }])).toBeNull();
    stage.render({} as HTMLVideoElement, 960, 540);
    stage.setCompare({ enabled: true, position: 0.5, referenceScaler: 'bilinear' });
    stage.redraw();
    stage.redraw();
    await stage.setComparePreset('off', []);
    stage.redraw();
    expect(backend.log.slice(1)).toEqual([
      'compile Other (compare)',
      'begin fresh',
      'upload 960x540',
      // The split is off: the other side costs nothing.
      'run 1 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
      'end',
      'begin redraw',
      'run 1 passes on source (compare)',
      'present upscaled at 0,0 1920x1080 divider 960, left compared with lanczos3',
      'end',
      // Redraws reuse both pictures.
      'begin redraw',
      'present upscaled at 0,0 1920x1080 divider 960, left compared with lanczos3',
      'end',
      'begin redraw',
      'present upscaled at 0,0 1920x1080 divider 960, left source with bilinear',
      'end',
    ]);
  });

  it('leaves the canvas showing the kept picture for a repeated drawing, and computes afresh whenever the presets or sizes changed', async () => {
    const { stage, backend } = setUp();
    stage.setReuseRepeats(true);
    await stage.setPreset('double', [doubler]);
    backend.repeats = 'same';
    const frame = {} as HTMLVideoElement;
    stage.render(frame, 960, 540);
    stage.render(frame, 960, 540);
    // A new size: the kept picture no longer fits.
    stage.render(frame, 640, 360);
    stage.render(frame, 640, 360);
    // A new preset: the kept picture is of the old one.
    await stage.setPreset('double again', [doubler, doubler]);
    stage.render(frame, 640, 360);
    backend.repeats = 'changed';
    stage.render(frame, 640, 360);
    const frames = backend.log.filter((line) => line.startsWith('check') || line.startsWith('run') || line.startsWith('present'));
    expect(frames).toEqual([
      'check repeat (forced): changed',
      'run 1 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
      'check repeat: same',
      'check repeat (forced): changed',
      'run 1 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
      'check repeat: same',
      'check repeat (forced): changed',
      'run 2 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
      'check repeat: changed',
      'run 2 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
    ]);
  });

  it('draws a repeated drawing again when the canvas or what lies on it changed since the last present', async () => {
    const { stage, backend, canvas } = setUp();
    stage.setReuseRepeats(true);
    await stage.setPreset('double', [doubler]);
    backend.repeats = 'same';
    const frame = {} as HTMLVideoElement;
    stage.render(frame, 960, 540);
    // The compare split moved in: the canvas shows the old layout.
    stage.setCompare({ enabled: true, position: 0.25, referenceScaler: 'bilinear' });
    stage.render(frame, 960, 540);
    stage.render(frame, 960, 540);
    // A wider window: the same picture size (height-bound) in a new, cleared canvas.
    canvas.width = 2400;
    stage.setCompare({ enabled: false, position: 0.25, referenceScaler: 'bilinear' });
    stage.render(frame, 960, 540);
    stage.render(frame, 960, 540);
    const frames = backend.log.filter((line) => line.startsWith('present'));
    expect(frames).toEqual([
      'present upscaled at 0,0 1920x1080 divider null',
      'present upscaled at 0,0 1920x1080 divider 480, left source with bilinear',
      'present upscaled at 240,0 1920x1080 divider null',
    ]);
  });

  it('lets the GPU gate the passes itself, checks nothing without a preset, and nothing when reuse is off', async () => {
    const { stage, backend } = setUp();
    stage.setReuseRepeats(true);
    stage.render({} as HTMLVideoElement, 960, 540);
    await stage.setPreset('double', [doubler]);
    backend.repeats = 'gated';
    stage.render({} as HTMLVideoElement, 960, 540);
    stage.render({} as HTMLVideoElement, 960, 540);
    stage.setReuseRepeats(false);
    stage.render({} as HTMLVideoElement, 960, 540);
    const frames = backend.log.filter((line) => line.startsWith('check') || line.startsWith('run') || line.startsWith('present'));
    expect(frames).toEqual([
      'present source at 0,0 1920x1080 divider null',
      'check repeat (forced): changed',
      'run 1 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
      // The GPU decides whether the canvas is written, as it decides whether the passes run.
      'check repeat: gated',
      'run 1 passes on source',
      'present when changed upscaled at 0,0 1920x1080 divider null',
      'run 1 passes on source',
      'present upscaled at 0,0 1920x1080 divider null',
    ]);
  });

  it('computes every frame of a shader that changes its picture with time (mpv grain reads `frame` or `random`)', async () => {
    const { stage, backend } = setUp();
    stage.setReuseRepeats(true);
    const grain = (body: string): PassDefinition => ({
      ...doubler,
      description: 'grain',
      program: { kind: 'user', file: 'grain.glsl', hook: 'MAIN', body, bodyLine: 1, binds: ['HOOKED'], defines: [], textures: [], compute: null },
    });
    backend.repeats = 'same';
    await stage.setPreset('grain', [grain('vec4 hook() { return HOOKED_tex(HOOKED_pos) + 0.01 * fract(sin(float(frame))); }')]);
    stage.render({} as HTMLVideoElement, 960, 540);
    stage.render({} as HTMLVideoElement, 960, 540);
    await stage.setPreset('still', [grain('vec4 hook() { return HOOKED_tex(HOOKED_pos); } // framed, randomly')]);
    stage.render({} as HTMLVideoElement, 960, 540);
    stage.render({} as HTMLVideoElement, 960, 540);
    const frames = backend.log.filter((line) => line.startsWith('check') || line.startsWith('run'));
    expect(frames).toEqual(['run 1 passes on source', 'run 1 passes on source', 'check repeat (forced): changed', 'run 1 passes on source', 'check repeat: same']);
  });

  it('numbers the frames it computes for `frame` and `random`: a new frame counts on, a redraw of it does not', async () => {
    const { stage, backend } = setUp();
    await stage.setPreset('doubler', [doubler]);
    stage.render({} as HTMLVideoElement, 960, 540);
    stage.render({} as HTMLVideoElement, 960, 540);
    // The window grows while paused: the same frame is upscaled again for the new size.
    stage.resize(1280, 720);
    stage.redraw();
    stage.render({} as HTMLVideoElement, 960, 540);
    expect(backend.frames).toEqual([1, 2, 2, 3]);
  });
});
