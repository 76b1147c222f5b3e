import { z } from 'zod';

/** What the picture itself says about how it was made (see electron/node/picture/measure.ts). */
export const pictureEstimateSchema = z.object({
  /** The file's own height. */
  fileHeight: z.number().int().positive().max(10_000),
  /** The height it was drawn at; null when the picture is the file's own height (or no upscale was found). */
  drawnHeight: z.number().int().positive().max(10_000).nullable(),
  /** The kernel the studio upscaled with, as far as it shows ("bilinear", "bicubic b=0 c=0.5", …). */
  kernel: z.string().max(60).nullable(),
  /** 0…1. */
  confidence: z.number().min(0).max(1),
  /** Median width of an edge's rise, in the file's pixels. */
  edgeWidth: z.number().min(0).max(100),
  /** Noise in flat areas, in 8-bit levels. */
  noise: z.number().min(0).max(255),
  /** Steps on the 8-pixel block grid against those beside it (1: none). */
  blockiness: z.number().min(0).max(1000),
  /** Share of gentle gradients that show as bands (0…1). */
  banding: z.number().min(0).max(1),
  /** Frames measured, and how long it took (sampling included). */
  frames: z.number().int().min(0).max(1000),
  seconds: z.number().min(0).max(1e6),
  /** This file's own measurement, or its series' last one while this file's is not made yet. */
  source: z.enum(['file', 'series']),
});
export type PictureEstimate = z.infer<typeof pictureEstimateSchema>;

/** Below this height a file is SD: it was drawn at its own height or lower, and its height is the rules' business. */
export const smallestMeasuredHeight = 600;

/** Below this the drawn height is not trusted: the file's height stands. */
export const trustedConfidence = 0.1;

/** Lines wider than this (px of the file) read as soft: upscaled or blurred at the studio. */
export const softEdgeWidth = 2.3;

/** More noise than this (8-bit levels) or blocks this strong read as a degraded source. */
export const noisyLevels = 2.5;
export const blockyRatio = 3;

export type LineSoftness = 'soft' | 'sharp';
export type SourceCondition = 'clean' | 'noisy';

export function softnessOf(estimate: PictureEstimate): LineSoftness {
  return estimate.edgeWidth >= softEdgeWidth ? 'soft' : 'sharp';
}

export function conditionOf(estimate: PictureEstimate): SourceCondition {
  return estimate.noise >= noisyLevels || estimate.blockiness >= blockyRatio ? 'noisy' : 'clean';
}

/** The drawn height when it is trusted; null when the picture is the file's own (or unknown). */
export function trustedDrawnHeight(estimate: PictureEstimate): number | null {
  return estimate.drawnHeight !== null && estimate.confidence >= trustedConfidence ? estimate.drawnHeight : null;
}

/** "drawn at 720p (confidence 0.93), soft lines" — the estimate in the words of a preset's reason. */
export function describePicture(estimate: PictureEstimate): string {
  const drawn = trustedDrawnHeight(estimate);
  const height = drawn ? `drawn at ${drawn}p (confidence ${estimate.confidence.toFixed(2)})` : 'drawn at its own height';
  const lines = `${softnessOf(estimate)} lines`;
  return conditionOf(estimate) === 'noisy' ? `${height}, ${lines}, compression noise` : `${height}, ${lines}`;
}
