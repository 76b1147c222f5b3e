import importSource from '../../../shaders/webgpu/import.wgsl?raw';
import presentSource from '../../../shaders/webgpu/present.wgsl?raw';
import { scalerFunctions } from './wgsl';

/** Copies the imported video frame into an rgba16float texture the pipeline can read. */
export const importShader = importSource;

/**
 * Draws the canvas: black around the picture, the reference scaler left of the compare divider,
 * the upscaled picture right of it. scalerFunctions(3) brings mitchellNetravali and sinc, and its
 * kernelWeight is Lanczos-3, which present.wgsl's kernel switch uses.
 */
export function presentShader(canvasFormat: GPUTextureFormat): string {
  return `${scalerFunctions(3)}\n${presentSource.replace('CANVAS_FORMAT', canvasFormat)}`;
}
