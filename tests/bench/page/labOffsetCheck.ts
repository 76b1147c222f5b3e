// The device check of //!OFFSET through both stages (lab.html?offset): each shifted shader file
// against its unshifted twin, as the canvas shows them, posted as the page's result. SwiftShader's
// WebGPU cannot run the stage from a canvas here, so the WebGPU presenter is checked on a GPU.
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { psnrRgb } from '../../support/metrics';
import { testCard } from './labImages';
import { asImage, stageCapture } from './labStageShot';
import { offsetPairs } from './offsetShaders';

export async function offsetCheck(): Promise<unknown> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  const input = testCard(192, 108);
  const results: { backend: string; renderer: string; file: string; psnr: number | null; shiftLeftIn: number | null; mean: number | null; againstWebGl2: number | null; failure: string | null }[] = [];
  const shots = new Map<string, FloatImage>();
  for (const backend of ['webgl2', 'webgpu'] as const) {
    for (const { file, shifted, unshifted } of offsetPairs) {
      const first = await stageCapture(backend, [{ name: file, text: shifted }], input, 2);
      const second = await stageCapture(backend, [{ name: `unshifted-${file}`, text: unshifted }], input, 2);
      // What a player that ignores the shift draws: the same file without its //!OFFSET line.
      const ignored = await stageCapture(backend, [{ name: `ignored-${file}`, text: shifted.replace(/^\/\/!OFFSET.*\n/m, '') }], input, 2);
      const shot = first.frame ? asImage(first.frame) : null;
      const psnr = shot && second.frame ? psnrRgb(shot, asImage(second.frame), 4) : null;
      const shiftLeftIn = ignored.frame && second.frame ? psnrRgb(asImage(ignored.frame), asImage(second.frame), 4) : null;
      if (shot) shots.set(`${backend}|${file}`, shot);
      // A blank canvas would agree with itself: the mean says a picture was drawn, and each WebGPU
      // picture is held against WebGL2's of the same file.
      const mean = shot ? shot.data.reduce((sum, value) => sum + value, 0) / shot.data.length : null;
      const webgl2 = shots.get(`webgl2|${file}`);
      const againstWebGl2 = backend === 'webgpu' && shot && webgl2 ? psnrRgb(shot, webgl2, 4) : null;
      results.push({ backend, renderer: first.renderer, file, psnr, shiftLeftIn, mean, againstWebGl2, failure: first.failure ?? second.failure ?? ignored.failure });
    }
  }
  return { adapter: adapter ? { vendor: adapter.info.vendor, architecture: adapter.info.architecture, description: adapter.info.description, fallback: adapter.info.isFallbackAdapter } : null, results };
}
