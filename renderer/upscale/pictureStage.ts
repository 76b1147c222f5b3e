import type { ScalerKind } from '../../electron/common/upscaling';
import type { BackendEvents, PresentLayout, StageBackend } from './backend';
import type { DeviceRect } from './geometry';
import { fitRect } from './geometry';
import type { PassDefinition, Size } from './model';
import type { Plan } from './planner';
import { PlanCache } from './planner';
import type { CapturedFrame, CompareSettings, FrameSource, PassFailure, PictureStage, StageDiagnostics, StageInfo, StageListener } from './stage';

const noPreset = { key: 'off', definitions: [] as PassDefinition[] };

/**
 * The picture stage, written once: the preset and its plans, the compare split and the scalers,
 * the upscaled picture kept for redraws, and where the picture lies; the backend only uploads,
 * runs a plan, presents and reads back. A preset is swapped in only when it has compiled, so the
 * last good one (or the reference scaler) keeps drawing meanwhile and after a failure.
 */
export class Stage<Image extends Size> implements PictureStage {
  private readonly backend: StageBackend<Image>;
  private preset = noPreset;
  private readonly plans = new PlanCache();
  private compare: CompareSettings = { enabled: false, position: 0.5, referenceScaler: 'catmull-rom' };
  private scaler: ScalerKind = 'catmull-rom';
  private source: Image | null = null;
  /** The plan's output for the current frame and picture size; redraws (divider, pause) reuse it. */
  private upscaled: { image: Image | null; key: string } | null = null;
  private compileRequest = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    createBackend: (events: BackendEvents) => StageBackend<Image>,
    private readonly listener: StageListener,
  ) {
    this.backend = createBackend({
      onLost: () => {
        this.source = null;
        this.upscaled = null;
        listener.onContextLost();
      },
      onRestored: () => void this.restore(),
      onUnrecoverable: (reason) => listener.onContextUnrecoverable?.(reason),
      onTimings: (samples, source, kind) => listener.onTimings(samples, source, kind),
    });
  }

  get info(): StageInfo {
    return this.backend.info;
  }

  get isContextLost(): boolean {
    return this.backend.lost;
  }

  /** Test and bug-report hooks, kept off the PictureStage interface. */
  get diagnostics(): StageDiagnostics {
    return { loseContext: () => this.backend.loseForTesting() };
  }

  setScaler(kind: ScalerKind): void {
    this.scaler = kind;
  }

  async setPreset(key: string, definitions: PassDefinition[]): Promise<PassFailure | null> {
    const request = ++this.compileRequest;
    const failure = definitions.length > 0 ? await this.backend.compile(definitions) : null;
    // A newer preset was asked for meanwhile: it decides what is drawn.
    if (request !== this.compileRequest) return failure;
    this.preset = failure ? noPreset : { key, definitions };
    this.plans.clear();
    this.upscaled = null;
    return failure;
  }

  setCompare(settings: CompareSettings): void {
    this.compare = settings;
  }

  setHighPrecisionSource(enabled: boolean): void {
    this.backend.setHighPrecisionSource(enabled);
    // The next frame is uploaded anew; until then there is nothing to redraw.
    this.source = null;
    this.upscaled = null;
  }

  resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  /**
   * Uploads a new frame and draws it. False while the GPU is lost, or when it has not finished
   * the frames before: a slow GPU then drops frames instead of building a backlog that freezes the page.
   */
  render(frame: FrameSource, width: number, height: number): boolean {
    const backend = this.backend;
    if (backend.lost || width <= 0 || height <= 0 || backend.busy()) return false;
    backend.beginFrame('fresh');
    this.source = backend.upload(frame, width, height);
    this.upscaled = null;
    this.present();
    backend.endFrame();
    return true;
  }

  redraw(): void {
    if (this.backend.lost || !this.source) return;
    this.backend.beginFrame('redraw');
    this.present();
    this.backend.endFrame();
  }

  capture(): Promise<CapturedFrame | null> {
    const source = this.source;
    if (this.backend.lost || !source) return Promise.resolve(null);
    this.backend.beginFrame('redraw');
    const layout = this.layout(source);
    return this.backend.readBack(this.upscale(source, layout.rect) ?? source, source, layout);
  }

  /** The plan behind the last frame, for the readout (sizes, passes, work per frame). */
  currentPlan(): Plan | null {
    const source = this.source;
    if (!source || this.preset.definitions.length === 0) return null;
    return this.plans.get(this.preset.definitions, this.preset.key, source, this.pictureRect());
  }

  pictureRect(): DeviceRect {
    const source = this.source;
    return source ? fitRect(source.width, source.height, this.canvas.width, this.canvas.height) : { x: 0, y: 0, width: 0, height: 0 };
  }

  dispose(): void {
    this.backend.dispose();
  }

  private present(): void {
    const source = this.source;
    if (!source) return;
    const layout = this.layout(source);
    this.backend.present(this.upscale(source, layout.rect) ?? source, source, layout);
  }

  private layout(source: Image): PresentLayout {
    const rect = fitRect(source.width, source.height, this.canvas.width, this.canvas.height);
    const divider = this.compare.enabled ? Math.round(rect.x + Math.min(1, Math.max(0, this.compare.position)) * rect.width) : null;
    return { rect, divider, scaler: this.scaler, referenceScaler: this.compare.referenceScaler };
  }

  /** Runs the preset once per frame and picture size. */
  private upscale(source: Image, rect: DeviceRect): Image | null {
    const { key, definitions } = this.preset;
    if (definitions.length === 0) return null;
    const sizeKey = `${rect.width}x${rect.height}`;
    if (this.upscaled?.key === sizeKey) return this.upscaled.image;
    const image = this.backend.run(this.plans.get(definitions, key, source, rect), source);
    this.upscaled = { image, key: sizeKey };
    return image;
  }

  /** After a lost context: the same preset compiled on the new one, then the player is told. */
  private async restore(): Promise<void> {
    const { definitions } = this.preset;
    const failure = definitions.length > 0 ? await this.backend.compile(definitions) : null;
    if (failure) this.preset = noPreset;
    this.plans.clear();
    this.upscaled = null;
    this.listener.onContextRestored();
  }
}
