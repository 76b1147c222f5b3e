import type { UpscaleTier } from '../../electron/common/upscaling';
import type { StageInfo } from './stage';

export interface TierMeasurement {
  /** Backend and adapter, as stored with the result: a different one is measured again. */
  gpu: string;
  tier: Extract<UpscaleTier, 'hq' | 'fast'>;
  /** Mode A HQ per frame; null when not even a few frames finished in the time allowed. */
  frameMs: number | null;
  /**
   * The full size was not run: a small picture already took so long that the full one would have
   * held the graphics card (and with it the whole window) for seconds. frameMs is then scaled up.
   */
  estimated: boolean;
  outputWidth: number;
  outputHeight: number;
}

export interface TierBenchmarkOptions {
  /** How long the measurement may take in all, first compile included. */
  timeLimitMs: number;
  /** Frames timed after the first (which carries compilation). */
  frames: number;
  /** The frame budget HQ has to fit in, with room left for decoding and compositing. */
  budgetMs: number;
  /** Share of the budget Mode A HQ may use for HQ to be chosen. */
  share: number;
}

/** 23.976 fps anime; HQ may take up to half of each frame, the rest stays free for everything else. */
export const tierBenchmarkDefaults: TierBenchmarkOptions = { timeLimitMs: 4000, frames: 12, budgetMs: 1000 / 23.976, share: 0.5 };

/** The first try runs a picture this much smaller on each side: a sixteenth of the work. */
export const probeDivisor = 4;

/**
 * Whether the full-size measurement may run after the small one: only when its predicted frame
 * (the small one's time, scaled by the pixels) is within a few frames of the budget. A slower card
 * is Fast without ever being handed a frame that blocks it for seconds.
 */
export function fullSizeWorthRunning(smallFrameMs: number | null, options: Pick<TierBenchmarkOptions, 'budgetMs'>): boolean {
  return smallFrameMs !== null && smallFrameMs * probeDivisor * probeDivisor <= options.budgetMs * 3;
}

/** The name a measurement is stored under: the same adapter on the other backend is a different GPU to us. */
export function gpuIdentity(info: Pick<StageInfo, 'backend' | 'renderer'>): string {
  return `${info.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'} · ${info.renderer}`;
}

/** The picture measured: a 1080p source shown at the screen's full resolution (at least 1080p, at most 4K). */
export function benchmarkOutputSize(screenWidth: number, screenHeight: number, pixelRatio: number): { width: number; height: number } {
  const width = Math.min(3840, Math.max(1920, Math.round(screenWidth * pixelRatio)));
  const height = Math.min(2160, Math.max(1080, Math.round(screenHeight * pixelRatio)));
  return { width, height };
}

/** HQ when Mode A HQ fits in the allowed share of the budget; Fast when it does not, or did not finish. */
export function chooseTier(frameMs: number | null, options: Pick<TierBenchmarkOptions, 'budgetMs' | 'share'>): 'hq' | 'fast' {
  return frameMs !== null && frameMs <= options.budgetMs * options.share ? 'hq' : 'fast';
}
