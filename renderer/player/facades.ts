import type { UpscalePreset } from '../../electron/common/upscaling';
import type { Command } from '../input/commands';
import type { DeviceRect } from '../upscale/geometry';
import type { CapturedFrame, TimingSource } from '../upscale/stage';
import type { PassTiming } from '../upscale/timing';
import type { FrameCounters } from './frameLoop';

export type { CapturedFrame };
/** The tiers each Anime4K mode offers, for the upscaling menu. */
export { tiersOf } from '../upscale/presets';
/** What a shader file of the viewer's folder says and runs, for the settings. */
export { summarizeShader } from './shaderChains';
export type { ShaderSummary } from './shaderChains';
/** Starts libass's worker while the library shows, so the first subtitles of a file need not wait for it. */
export { prewarmSubtitleRenderer } from '../subtitles/warmRenderer';

/** What the player's bars, keys and menus may ask of the player. */
export interface PlayerControls {
  run(command: Command): void;
  togglePause(): void;
  seekTo(seconds: number): void;
  setVolume(volume: number): void;
  toggleMute(): void;
  setSpeed(speed: number): void;
  setFullscreen(on: boolean): Promise<void>;
  /** The viewer's pick of a preset; null goes back to the automatic choice. */
  choosePreset(preset: UpscalePreset | null): void;
  selectAudio(position: number): void;
  selectSubtitles(trackId: string | null): void;
  toggleSubtitles(): void;
  addSubtitleDelay(seconds: number): void;
  /** The bars cover this much of the surface's top and bottom (CSS pixels; 0 while hidden). */
  setBarsCover(top: number, bottom: number): void;
  /** Back to the library. */
  close(): void;
}

/** The figures of the frame-time readout, read a few times a second. */
export interface ReadoutFigures {
  totals: { lastMs: number; averageMs: number; peakMs: number };
  passes: PassTiming[];
  timing: TimingSource;
  counters: FrameCounters;
  frameRate: number;
  budgetMs: number;
  decoder: { decoded: number; dropped: number };
  source: { width: number; height: number } | null;
  output: DeviceRect | null;
}

/** What the overlays on the picture (compare divider, magnifier, readout) may ask of it. */
export interface PictureView {
  /** The canvas the picture is drawn into; replaced when a lost GPU forces a new stage. */
  canvas(): HTMLCanvasElement | null;
  /** Where the picture lies in the canvas. */
  pictureRect(): DeviceRect;
  /** Draws the divider at a position without saving it (while dragging). */
  previewDivider(position: number): void;
  /** Moves the divider and remembers it. */
  moveDivider(position: number): void;
  /** The whole picture as the reference scaler draws it and as upscaled. */
  captureBothSides(): Promise<{ reference: CapturedFrame; upscaled: CapturedFrame } | null>;
  isPlaying(): boolean;
  readout(): ReadoutFigures;
}
