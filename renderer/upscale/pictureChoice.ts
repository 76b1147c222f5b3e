import type { PictureEstimate } from '../../electron/common/picture';
import { conditionOf, describePicture, softnessOf, trustedDrawnHeight } from '../../electron/common/picture';
import type { Anime4kMode } from '../../electron/common/upscaling';

/** A mode of Anime4K, or the light classic push. */
export type PictureMode = Anime4kMode | 'classic';

/**
 * The mode the picture asks for, as Anime4K's guide advises it (README, "Choosing from the
 * picture"): A restores the blur of a picture drawn lower and upscaled soft; B suits lines that
 * are still sharp (little blur, some ringing); C denoises sources drawn at SD or degraded by
 * compression; a sharp picture at its own height needs only the light push.
 */
export function pictureMode(estimate: PictureEstimate): { mode: PictureMode; why: string } {
  const drawn = trustedDrawnHeight(estimate) ?? estimate.fileHeight;
  const soft = softnessOf(estimate) === 'soft';
  if (conditionOf(estimate) === 'noisy') return { mode: 'C', why: 'compression noise' };
  if (drawn <= 576) return { mode: 'C', why: 'drawn at SD' };
  if (drawn < estimate.fileHeight) return soft ? { mode: 'A', why: 'upscaled soft' } : { mode: 'B', why: 'upscaled sharp' };
  if (estimate.fileHeight <= 720) return { mode: 'B', why: 'native 720p' };
  return soft ? { mode: 'A', why: 'native, soft' } : { mode: 'classic', why: 'native, sharp' };
}

/** "1080p file, drawn at 720p (confidence 0.93), soft lines" — said before the arrow of the reason. */
export function pictureReason(estimate: PictureEstimate): string {
  return `${estimate.fileHeight}p file, ${describePicture(estimate)}`;
}
