import { readsTime } from './userShaders/frameValues';
import type { ScalerKind } from '../../electron/common/upscaling';
import type { BackendEvents, Lane, PresentLayout, RepeatVerdict, StageBackend } from './backend';
import type { DeviceRect } from './geometry';
import { fitRect } from './geometry';
import type { Offset, PassDefinition, Size } from './model';
import type { Plan } from './planner';
import { PlanCache } from './planner';
import type { CapturedFrame, CompareSettings, FrameSource, PassFailure, PictureStage, StageDiagnostics, StageInfo, StageListener } from './stage';

interface StagePreset {
  key: string;
  definitions: PassDefinition[];
  /** Whether a pass's picture may change with nothing but time: mpv's `frame` counter or `random`. */
  animated: boolean;
}

const noPreset: StagePreset = { key: 'off', definitions: [], animated: false };
const unshifted: Offset = { x: 0, y: 0 };

function stagePreset(key: string, definitions: PassDefinition[]): StagePreset {
  return { key, definitions, animated: definitions.some(({ program }) => program.kind === 'user' && readsTime(program.body)) };
}

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
  /** The compare split's left side, when it runs a preset of its own instead of the reference scaler. */
  private comparePreset = noPreset;
  private readonly comparePlans = new PlanCache();
  private compare: CompareSettings = { enabled: false, position: 0.5, referenceScaler: 'catmull-rom' };
  private scaler: ScalerKind = 'catmull-rom';
  private source: Image | null = null;
  /** The plan's output for the current frame and picture size; redraws (divider, pause) reuse it. */
  private upscaled: { image: Image | null; key: string } | null = null;
  private compareUpscaled: { image: Image | null; key: string } | null = null;
  private compileRequest = 0;
  private compareCompileRequest = 0;
  private reuseRepeats = false;
  /** What the kept pictures were computed for (presets and sizes); '' when none are kept. */
  private computedKey = '';
  /** The canvas size and layout of the last present: a repeated drawing leaves such a canvas as it is. */
  private presentedView = '';
  /** Frames computed so far: mpv shaders' `frame`, and the seed of their `random`. */
  private frameNumber = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    createBackend: (events: BackendEvents) => StageBackend<Image>,
    private readonly listener: StageListener,
  ) {
    this.backend = createBackend({
      onLost: () => {
        this.source = null;
        this.presentedView = '';
        this.forgetPictures();
        listener.onContextLost();
      },
      onRestored: () => void this.restore(),
      onUnrecoverable: (reason) => listener.onContextUnrecoverable?.(reason),
      onTimings: (samples, source, kind) => listener.onTimings(samples, source, kind),
      onRepeat: (reused) => listener.onRepeat?.(reused),
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
    const failure = definitions.length > 0 ? await this.backend.compile(definitions, 'picture') : null;
    // A newer preset was asked for meanwhile: it decides what is drawn.
    if (request !== this.compileRequest) return failure;
    this.preset = failure ? noPreset : stagePreset(key, definitions);
    this.plans.clear();
    this.forgetPictures();
    return failure;
  }

  async setComparePreset(key: string, definitions: PassDefinition[]): Promise<PassFailure | null> {
    const request = ++this.compareCompileRequest;
    const failure = definitions.length > 0 ? await this.backend.compile(definitions, 'compare') : null;
    if (request !== this.compareCompileRequest) return failure;
    this.comparePreset = failure ? noPreset : stagePreset(key, definitions);
    this.comparePlans.clear();
    // The picture's side stays for redraws; the next new frame computes both sides from one reference.
    this.compareUpscaled = null;
    this.computedKey = '';
    return failure;
  }

  setCompare(settings: CompareSettings): void {
    this.compare = settings;
  }

  setHighPrecisionSource(enabled: boolean): void {
    this.backend.setHighPrecisionSource(enabled);
    // The next frame is uploaded anew; until then there is nothing to redraw.
    this.source = null;
    this.forgetPictures();
  }

  setReuseRepeats(enabled: boolean): void {
    if (enabled === this.reuseRepeats) return;
    this.reuseRepeats = enabled;
    this.computedKey = '';
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
    this.frameNumber++;
    const source = backend.upload(frame, width, height);
    this.source = source;
    const key = this.picturesKey(source);
    let verdict: RepeatVerdict = 'changed';
    let forced = true;
    if (this.reuseRepeats && key !== null) {
      forced = key !== this.computedKey;
      verdict = backend.checkRepeat(source, forced);
      this.computedKey = key;
      // 'same' keeps the pictures of the last computed frame; 'gated' runs the plans, which the GPU skips itself.
      if (verdict !== 'same') {
        this.upscaled = null;
        this.compareUpscaled = null;
      }
    } else {
      this.forgetPictures();
    }
    // A repeated drawing in the same view is already on the canvas: writing it again (a 4K canvas
    // is 33 MB) would cost more than the check saved. Where the GPU decides, it decides this too.
    const sameView = !forced && this.viewOf(this.layout(source)) === this.presentedView;
    if (verdict !== 'same' || !sameView) this.present(verdict === 'gated' && sameView);
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
    return this.backend.readBack(this.upscale(source, layout.rect) ?? source, this.reference(source, layout), layout);
  }

  /** The plan behind the last frame, for the readout (sizes, passes, work per frame). */
  currentPlan(): Plan | null {
    const source = this.source;
    return source ? this.planFor(source, this.pictureRect(), 'picture') : null;
  }

  pictureRect(): DeviceRect {
    const source = this.source;
    return source ? fitRect(source.width, source.height, this.canvas.width, this.canvas.height) : { x: 0, y: 0, width: 0, height: 0 };
  }

  dispose(): void {
    this.backend.dispose();
  }

  /** `whenChanged`: the GPU's repeat verdict decides whether the canvas is written (see StageBackend.present). */
  private present(whenChanged = false): void {
    const source = this.source;
    if (!source) return;
    const layout = this.layout(source);
    this.presentedView = this.viewOf(layout);
    this.backend.present(this.upscale(source, layout.rect) ?? source, this.reference(source, layout), layout, whenChanged);
  }

  /** What a present draws, apart from the frame itself: canvas size, layout, scalers, compare split. */
  private viewOf(layout: PresentLayout): string {
    return `${this.canvas.width}x${this.canvas.height}|${JSON.stringify(layout)}`;
  }

  /**
   * The presets and sizes the pictures of this frame are computed for; null when no preset runs,
   * or when one changes its picture from frame to frame by itself (a user shader reading `frame`
   * or `random`, as grain shaders do): such pictures are computed for every frame.
   */
  private picturesKey(source: Image): string | null {
    if (this.preset.definitions.length === 0 && !this.comparesPresets) return null;
    if (this.preset.animated || (this.comparesPresets && this.comparePreset.animated)) return null;
    const rect = fitRect(source.width, source.height, this.canvas.width, this.canvas.height);
    return `${this.preset.key}|${this.comparesPresets ? this.comparePreset.key : '-'}|${source.width}x${source.height}|${rect.width}x${rect.height}`;
  }

  /** The kept pictures are gone or stale: the next frame is computed whatever it shows. */
  private forgetPictures(): void {
    this.upscaled = null;
    this.compareUpscaled = null;
    this.computedKey = '';
  }

  /** Whether the split's left side runs a preset of its own. */
  private get comparesPresets(): boolean {
    return this.compare.enabled && this.comparePreset.definitions.length > 0;
  }

  private layout(source: Image): PresentLayout {
    const rect = fitRect(source.width, source.height, this.canvas.width, this.canvas.height);
    const divider = this.compare.enabled ? Math.round(rect.x + Math.min(1, Math.max(0, this.compare.position)) * rect.width) : null;
    // Two presets side by side both go through the viewer's scaler: only the presets differ.
    return {
      rect,
      divider,
      scaler: this.scaler,
      referenceScaler: this.comparesPresets ? this.scaler : this.compare.referenceScaler,
      pictureShift: this.shiftOf(source, rect, 'picture'),
      referenceShift: divider !== null && this.comparesPresets ? this.shiftOf(source, rect, 'compare') : unshifted,
    };
  }

  /** Where a lane's picture lies shifted in its texture (mpv shaders' //!OFFSET), for the final scaler. */
  private shiftOf(source: Image, rect: DeviceRect, lane: Lane): Offset {
    return this.planFor(source, rect, lane)?.result.offset ?? unshifted;
  }

  /**
   * A lane's plan for this picture and size; null when the lane runs nothing, or when its preset
   * cannot be planned here: then the preset is dropped (that side shows the plain scaler) and the
   * listener is told why, once, after this frame.
   */
  private planFor(source: Image, rect: DeviceRect, lane: Lane): Plan | null {
    const { key, definitions } = lane === 'compare' ? this.comparePreset : this.preset;
    if (definitions.length === 0) return null;
    try {
      return (lane === 'compare' ? this.comparePlans : this.plans).get(definitions, key, source, rect);
    } catch (error) {
      const failure: PassFailure = { description: `At ${rect.width}×${rect.height}`, message: error instanceof Error ? error.message : String(error), numberedSource: '' };
      if (lane === 'compare') {
        this.comparePreset = noPreset;
        this.comparePlans.clear();
      } else {
        this.preset = noPreset;
        this.plans.clear();
      }
      this.forgetPictures();
      queueMicrotask(() => this.listener.onPresetFailed?.(failure, lane));
      return null;
    }
  }

  /** What lies left of the divider: the other preset's picture, or the source for the reference scaler. */
  private reference(source: Image, layout: PresentLayout): Image {
    if (layout.divider === null || !this.comparesPresets) return source;
    return this.upscale(source, layout.rect, 'compare') ?? source;
  }

  /** Runs a lane's preset once per frame and picture size. */
  private upscale(source: Image, rect: DeviceRect, lane: Lane = 'picture'): Image | null {
    if ((lane === 'compare' ? this.comparePreset : this.preset).definitions.length === 0) return null;
    const sizeKey = `${rect.width}x${rect.height}`;
    const cached = lane === 'compare' ? this.compareUpscaled : this.upscaled;
    if (cached?.key === sizeKey) return cached.image;
    const plan = this.planFor(source, rect, lane);
    const image = plan ? this.backend.run(plan, source, lane, this.frameNumber) : null;
    if (lane === 'compare') this.compareUpscaled = { image, key: sizeKey };
    else this.upscaled = { image, key: sizeKey };
    return image;
  }

  /** After a lost context: the same preset compiled on the new one, then the player is told. */
  private async restore(): Promise<void> {
    const { definitions } = this.preset;
    const failure = definitions.length > 0 ? await this.backend.compile(definitions, 'picture') : null;
    if (failure) this.preset = noPreset;
    const compared = this.comparePreset.definitions;
    if (compared.length > 0 && (await this.backend.compile(compared, 'compare'))) this.comparePreset = noPreset;
    this.plans.clear();
    this.comparePlans.clear();
    this.forgetPictures();
    this.listener.onContextRestored();
  }
}
