import type { ScalerKind } from '../../electron/common/upscaling';
import type { FrameKind, PassSample, TimingSource } from '../gpu/timing';
import type { DeviceRect } from './geometry';
import type { Offset, PassDefinition, Size } from './model';
import type { Plan } from './planner';
import type { CapturedFrame, FrameSource, PassFailure, StageInfo } from './stage';

/**
 * Which of two independent sets of plan resources a plan runs in: the picture's, and the compare
 * split's other side when that side runs a preset of its own ("ArtCNN against Anime4K A").
 */
export type Lane = 'picture' | 'compare';

/** How the readout names the other side's passes, apart from the picture's. */
export function compareLabel(description: string): string {
  return `Left · ${description}`;
}

/** Where and how the picture goes into the canvas. */
export interface PresentLayout {
  /** The picture's place in the canvas. */
  rect: DeviceRect;
  /** The compare divider's x in canvas pixels; null when the split is off. */
  divider: number | null;
  scaler: ScalerKind;
  referenceScaler: ScalerKind;
  /**
   * Where the picture (and the other side's picture, when the split compares two presets) lies
   * shifted in its texture, in its pixels: what mpv shaders' //!OFFSET left for the final scaler.
   */
  pictureShift: Offset;
  referenceShift: Offset;
}

/** What a backend tells the stage that owns it. */
export interface BackendEvents {
  onLost(): void;
  /** The GPU is back, with none of the old resources: the stage compiles its preset again. */
  onRestored(): void;
  onUnrecoverable(reason: string): void;
  onTimings(samples: PassSample[], source: TimingSource, kind: FrameKind): void;
  /** Whether a new frame repeated the last computed drawing; at once, or when the GPU has decided. */
  onRepeat(reused: boolean): void;
}

/**
 * What the repeat check said of a new frame: the drawing repeats ('same') or not ('changed'), or
 * the GPU decides and skips the plans' passes itself ('gated': run the plans as usual).
 */
export type RepeatVerdict = 'same' | 'changed' | 'gated';

/**
 * What one graphics API has to offer the picture stage, as libplacebo's renderer is written once
 * over `pl_gpu`. An image handle (`Image`) stays valid until the next upload of another size, the
 * next compile, or a loss; everything else (the preset, the plan, the compare split, the cache of
 * the upscaled picture, the picture's place) is the stage's.
 */
export interface StageBackend<Image extends Size> {
  readonly info: StageInfo;
  readonly lost: boolean;
  /** The GPU has not finished enough of the frames before: a new one would queue up. */
  busy(): boolean;
  setHighPrecisionSource(enabled: boolean): void;
  /** Prepares the programs a preset's passes need in a lane; nothing runs until this succeeds. */
  compile(definitions: PassDefinition[], lane: Lane): Promise<PassFailure | null>;
  beginFrame(kind: FrameKind): void;
  upload(frame: FrameSource, width: number, height: number): Image;
  /**
   * Compares the frame just uploaded with the last one computed (repeats.ts). `force` (the plans,
   * sizes or presets changed since) counts it as changed. A changed frame becomes the reference.
   */
  checkRepeat(source: Image, force: boolean): RepeatVerdict;
  /**
   * Runs a plan on the source in a lane; the result for the final scaler, or null when the plan
   * draws nothing. `frame` is the count of frames computed (mpv shaders' `frame` and `random`).
   */
  run(plan: Plan, source: Image, lane: Lane, frame: number): Image | null;
  /**
   * Clears the canvas and draws the picture; with the split on, `reference` left of the divider
   * (the source with the reference scaler, or the other side's own upscaled picture). With
   * `whenChanged` on a frame whose repeat verdict is 'gated', the canvas is written only if the
   * GPU finds the drawing changed: otherwise it keeps the picture it shows, which is this one.
   */
  present(picture: Image, reference: Image, layout: PresentLayout, whenChanged?: boolean): void;
  /** Submits the frame; its times follow through onTimings. */
  endFrame(): void;
  /** The canvas as `present` would draw it, read back. */
  readBack(picture: Image, reference: Image, layout: PresentLayout): Promise<CapturedFrame | null>;
  /** For tests: the context or device lost as a driver reset would lose it. */
  loseForTesting(): boolean;
  dispose(): void;
}
