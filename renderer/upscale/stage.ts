import type { ScalerKind } from '../../electron/common/upscaling';
import type { FrameKind, PassSample, TimingSource } from '../gpu/timing';

export type { FrameKind, PassSample, TimingSource };
import type { DeviceRect } from './geometry';
import type { PassDefinition } from './model';
import type { Plan } from './planner';

/** A pass that could not be compiled: shown to the viewer and kept for the bug report. */
export interface PassFailure {
  description: string;
  message: string;
  numberedSource: string;
}

/** The split view: left of the divider the reference scaler, right of it the upscaled picture. */
export interface CompareSettings {
  enabled: boolean;
  /** Divider position as a share of the picture's width (0–1). */
  position: number;
  referenceScaler: ScalerKind;
}

export interface CapturedFrame {
  width: number;
  height: number;
  /** RGBA, top row first. */
  pixels: Uint8Array;
}

export interface StageInfo {
  backend: 'webgl2' | 'webgpu';
  /** The GPU, as the browser names it. */
  renderer: string;
  timing: TimingSource;
}

export interface StageListener {
  onContextLost(): void;
  onContextRestored(): void;
  /** The GPU could not be got back; the caller should build a stage on the other backend. */
  onContextUnrecoverable?(reason: string): void;
  /** Per-pass times of a frame, delivered when the GPU has them (a frame or more late). */
  onTimings(samples: PassSample[], source: TimingSource, kind: FrameKind): void;
  /** A new frame repeated the drawing of the last computed one and showed its picture (or did not). */
  onRepeat?(reused: boolean): void;
  /**
   * A preset that compiled cannot be planned at this picture's size (a user shader's size
   * expression asks for more than a GPU draws): the stage has dropped it and draws the plain
   * scaler on that side of the split, which it says here.
   */
  onPresetFailed?(failure: PassFailure, lane: 'picture' | 'compare'): void;
}

/** What can be drawn: a decoded video frame, or a still for measurements and tests. */
export type FrameSource = HTMLVideoElement | VideoFrame | HTMLCanvasElement | OffscreenCanvas | ImageBitmap;

/**
 * What the player draws through: upload of the decoded frame, the upscaling plan, the final
 * scaler and the compare split, into the canvas. One implementation (pictureStage.ts) over a
 * backend per graphics API.
 */
export interface PictureStage {
  readonly info: StageInfo;
  readonly isContextLost: boolean;
  setScaler(kind: ScalerKind): void;
  /** Compiles a preset; on failure the stage keeps drawing the reference scaler and says why. */
  setPreset(key: string, definitions: PassDefinition[]): Promise<PassFailure | null>;
  /**
   * The preset the split's left side runs instead of the reference scaler; no definitions go back
   * to the reference scaler. Compiled like setPreset, in resources of its own.
   */
  setComparePreset(key: string, definitions: PassDefinition[]): Promise<PassFailure | null>;
  setCompare(settings: CompareSettings): void;
  /** Keep 10-bit sources' precision through upload (16-bit float) or save bandwidth (8-bit). */
  setHighPrecisionSource(enabled: boolean): void;
  /** Frames that repeat the drawing before them show its upscaled picture instead of running the preset again (repeats.ts). */
  setReuseRepeats(enabled: boolean): void;
  resize(width: number, height: number): void;
  /** Uploads a decoded frame and draws it; false while the GPU is lost or still busy with the last one. */
  render(frame: FrameSource, width: number, height: number): boolean;
  /** Draws the last frame again (resize, scaler or divider change while paused). */
  redraw(): void;
  capture(): Promise<CapturedFrame | null>;
  currentPlan(): Plan | null;
  /** Where the picture lies in the canvas. */
  pictureRect(): DeviceRect;
  dispose(): void;
}

/** Hooks for tests and bug reports, kept off the stage the player draws through. */
export interface StageDiagnostics {
  /** Loses the GPU context (WebGL2) or device (WebGPU) as a driver reset would; false when the browser cannot. */
  loseContext(): boolean;
}
