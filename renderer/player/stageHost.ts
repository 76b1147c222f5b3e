import type { UpscalePreset } from '../../electron/common/upscaling';
import { presetLabel } from '../../electron/common/upscaling';
import type { BackendPreference } from '../upscale/createStage';
import { createPictureStage } from '../upscale/createStage';
import { buildPreset } from '../upscale/presets';
import type { CompareSettings, FrameKind, PassFailure, PassSample, PictureStage, StageDiagnostics, StageListener, TimingSource } from '../upscale/stage';
import { TimingWindow } from '../upscale/timing';
import type { PlayerPorts } from './ports';
import { compileKey, shaderSources } from './shaderChains';

/** What compiling a preset came to: overtaken by a newer request, or done (with the failure, if any). */
export type CompileOutcome = { current: false } | { current: true; failure: PassFailure | null };

/**
 * Owns the canvas and the stage drawing into it: builds it on the preferred backend, swaps to
 * WebGL2 when WebGPU cannot come back after a device loss, and compiles presets for it. Which
 * preset that is, and what the viewer is told about it, is the preset controller's.
 */
export class StageHost {
  stage: PictureStage | null = null;
  /** For the inspector only (tests, bug reports). */
  diagnostics: StageDiagnostics | null = null;
  readonly timings = new TimingWindow();
  timingSource: TimingSource = 'cpu';
  private canvas: HTMLCanvasElement | null = null;
  private presetKeyApplied = '';
  private compareKeyApplied = 'off';
  private presetRequest = 0;
  private readonly resizeObserver: ResizeObserver;
  private disposed = false;
  onReady: () => void = () => undefined;

  /** The canvas the stage draws into; replaced when a lost GPU forces a new stage. */
  get canvasElement(): HTMLCanvasElement | null {
    return this.canvas;
  }
  /** Each frame's total time, for the governor. */
  onFrameTime: (milliseconds: number) => void = () => undefined;
  /** A new frame repeated the drawing before it (true) or was computed (false). */
  onRepeat: (reused: boolean) => void = () => undefined;
  /** A preset that compiled could not be planned at this size; the stage dropped it (see StageListener). */
  onPresetFailed: (failure: PassFailure, lane: 'picture' | 'compare') => void = () => undefined;
  /** The canvas took a new size: what lies over the picture must follow, paused or not. */
  onResize: () => void = () => undefined;

  private readonly store: PlayerPorts['store'];

  constructor(
    private readonly container: HTMLElement,
    private readonly ports: PlayerPorts,
  ) {
    this.store = ports.store;
    this.resizeObserver = new ResizeObserver((entries) => this.handleResize(entries));
  }

  async start(preference: BackendPreference): Promise<void> {
    const listener: StageListener = {
      onContextLost: () => this.store.getState().pushToast({ kind: 'warning', text: 'The graphics card was reset. Restoring the picture…' }),
      onContextRestored: () => {
        this.store.getState().pushToast({ kind: 'info', text: 'The picture is back.' });
        this.onReady();
      },
      onContextUnrecoverable: (reason) => {
        console.warn(`WebGPU lost for good: ${reason}`);
        this.store.getState().pushToast({ kind: 'warning', text: 'WebGPU could not be restored; continuing with WebGL2.', detail: reason });
        void this.restart('webgl2');
      },
      onTimings: (samples: PassSample[], source: TimingSource, kind: FrameKind) => {
        this.timingSource = source;
        // A redraw (the divider, a resize, a paused picture) says nothing about the cost of playing.
        if (kind !== 'fresh') return;
        this.timings.add(samples);
        this.onFrameTime(samples.reduce((sum, pass) => sum + pass.milliseconds, 0));
      },
      onRepeat: (reused) => this.onRepeat(reused),
      onPresetFailed: (failure, lane) => {
        // The stage no longer runs it: the same preset asked for again must compile afresh.
        if (lane === 'picture') this.presetKeyApplied = '';
        else this.compareKeyApplied = '';
        this.onPresetFailed(failure, lane);
      },
    };
    const choice = await createPictureStage(() => this.newCanvas(), preference, listener);
    if (this.disposed) {
      choice.stage.dispose();
      return;
    }
    this.stage = choice.stage;
    this.diagnostics = choice.diagnostics;
    this.resizeToCanvas();
    const info = choice.stage.info;
    this.store.getState().setStage({ ...info, reason: choice.reason });
    this.timingSource = info.timing;
    this.onReady();
  }

  /** Compiles a preset for the stage; the same preset again does nothing. */
  async compilePreset(preset: UpscalePreset): Promise<CompileOutcome> {
    const stage = this.stage;
    if (!stage) return { current: false };
    const key = compileKey(this.ports, preset);
    if (key === this.presetKeyApplied) return { current: true, failure: null };
    const request = ++this.presetRequest;
    this.presetKeyApplied = key;
    // A request overtaken while its weights loaded must not reach the stage: the viewer may flip
    // through presets faster than networks load, and the last pick is what has to be drawn.
    const current = () => request === this.presetRequest && this.stage === stage;
    let failure: PassFailure | null;
    try {
      const definitions = await buildPreset(preset, shaderSources(this.ports));
      if (!current()) return { current: false };
      failure = await stage.setPreset(key, definitions);
    } catch (error) {
      failure = { description: presetLabel(preset), message: error instanceof Error ? error.message : String(error), numberedSource: '' };
    }
    if (!current()) return { current: false };
    this.timings.clear();
    if (failure) this.presetKeyApplied = '';
    stage.redraw();
    return { current: true, failure };
  }

  /** What the compare split's left side runs: a preset of its own, or (null) the reference scaler. */
  async compileComparePreset(preset: UpscalePreset | null): Promise<PassFailure | null> {
    const stage = this.stage;
    if (!stage) return null;
    const key = preset ? compileKey(this.ports, preset) : 'off';
    if (key === this.compareKeyApplied) return null;
    this.compareKeyApplied = key;
    let failure: PassFailure | null;
    try {
      failure = await stage.setComparePreset(key, preset ? await buildPreset(preset, shaderSources(this.ports)) : []);
    } catch (error) {
      failure = { description: preset ? presetLabel(preset) : 'Compare', message: error instanceof Error ? error.message : String(error), numberedSource: '' };
    }
    if (failure) this.compareKeyApplied = '';
    stage.redraw();
    return failure;
  }

  setCompare(settings: CompareSettings): void {
    this.stage?.setCompare(settings);
    this.stage?.redraw();
  }

  dispose(): void {
    this.disposed = true;
    this.resizeObserver.disconnect();
    this.stage?.dispose();
    this.stage = null;
    this.canvas?.remove();
  }

  private async restart(preference: BackendPreference): Promise<void> {
    this.stage?.dispose();
    this.stage = null;
    this.presetKeyApplied = '';
    this.compareKeyApplied = 'off';
    await this.start(preference);
  }

  private newCanvas(): HTMLCanvasElement {
    if (this.canvas) {
      this.resizeObserver.unobserve(this.canvas);
      this.canvas.remove();
    }
    const canvas = document.createElement('canvas');
    canvas.className = 'player__canvas';
    canvas.dataset['testid'] = 'stage';
    this.container.prepend(canvas);
    this.canvas = canvas;
    this.resizeObserver.observe(canvas);
    return canvas;
  }

  /** The first size, measured directly: the observer's first report may predate the stage. */
  private resizeToCanvas(): void {
    const canvas = this.canvas;
    if (!canvas || !this.stage) return;
    const box = canvas.getBoundingClientRect();
    this.stage.resize(Math.max(1, Math.round(box.width * window.devicePixelRatio)), Math.max(1, Math.round(box.height * window.devicePixelRatio)));
  }

  private handleResize(entries: ResizeObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    const stage = this.stage;
    if (!entry || !stage) return;
    const box = entry.devicePixelContentBoxSize?.[0];
    const width = Math.max(1, box ? box.inlineSize : Math.round(entry.contentRect.width * window.devicePixelRatio));
    const height = Math.max(1, box ? box.blockSize : Math.round(entry.contentRect.height * window.devicePixelRatio));
    stage.resize(width, height);
    stage.redraw();
    this.onResize();
  }
}
