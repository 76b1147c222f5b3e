// The picture stage as the player draws, on an image: the chain's passes, the final scaler and
// the present into a canvas of the output size, read back from the canvas. The lab's `run` reads
// the plan's result instead; this is the path where what the stage keeps for the scaler (the
// shift //!OFFSET passes leave) is undone.
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { createWebGpuStage } from '../../../renderer/upscale/createStage';
import { Stage } from '../../../renderer/upscale/pictureStage';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import type { CapturedFrame } from '../../../renderer/upscale/stage';
import type { ShaderSource } from '../../../renderer/upscale/userShaders/userPasses';
import { userShaderPasses } from '../../../renderer/upscale/userShaders/userPasses';
import { WebGL2Backend } from '../../../renderer/upscale/webgl2/backend';
import { psnrRgb } from '../../support/metrics';
import { loadImage } from './labImages';

export interface StageShotRequest {
  backend: 'webgl2' | 'webgpu';
  /** mpv shader files, by URL. */
  files: string[];
  input: string;
  scale: number;
  /** Images of the output's size, by URL. */
  compareWith: string[];
  /** Pixels along each edge left out of the comparison (what a shift brings in from beyond the edge). */
  border?: number;
}

export interface StageShotResult {
  renderer: string;
  failure: string | null;
  compared: { url: string; psnrRgb: number }[];
}

/** The image through a chain of shader files on one backend's stage, as the canvas shows it. */
export async function stageCapture(backend: 'webgl2' | 'webgpu', sources: ShaderSource[], input: FloatImage, scale: number): Promise<{ renderer: string; failure: string | null; frame: CapturedFrame | null }> {
  const { renderer, failure, frames } = await stageFrames(backend, sources, input, scale, 1);
  return { renderer, failure, frame: frames[0] ?? null };
}

/** The same image as `count` frames of a video in a row, each as the canvas showed it. */
export async function stageFrames(backend: 'webgl2' | 'webgpu', sources: ShaderSource[], input: FloatImage, scale: number, count: number): Promise<{ renderer: string; failure: string | null; frames: CapturedFrame[] }> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(input.width * scale);
  canvas.height = Math.round(input.height * scale);
  document.body.appendChild(canvas);
  // A device of its own: the stage's dispose destroys it.
  const gpu = backend === 'webgpu' ? await requestWebGpuDevice() : null;
  if (backend === 'webgpu' && !gpu) throw new Error('no WebGPU adapter');
  const listener = { onContextLost: () => undefined, onContextRestored: () => undefined, onTimings: () => undefined };
  const stage = gpu ? await createWebGpuStage(canvas, gpu, listener) : new Stage(canvas, (events) => new WebGL2Backend(canvas, events), listener);
  try {
    // What the references are rendered with for everything the hooks do not produce.
    stage.setScaler('bilinear');
    const failure = await stage.setPreset(`shaders:${sources.map((source) => source.name).join(',')}`, userShaderPasses(sources));
    if (failure) return { renderer: stage.info.renderer, failure: `${failure.description}: ${failure.message}`, frames: [] };
    const source = new OffscreenCanvas(input.width, input.height);
    const context = source.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.putImageData(new ImageData(Uint8ClampedArray.from(input.data, (value) => Math.round(value * 255)), input.width, input.height), 0, 0);
    const frames: CapturedFrame[] = [];
    for (let frame = 0; frame < count; frame++) {
      // The stage takes no frame while the GPU is still on the one before.
      const started = performance.now();
      while (!stage.render(source, input.width, input.height)) {
        if (performance.now() - started > 60_000) throw new Error('the stage took no frame in a minute');
        await new Promise((resolve) => setTimeout(resolve, 16));
      }
      const captured = await stage.capture();
      if (captured) frames.push(captured);
    }
    return { renderer: stage.info.renderer, failure: null, frames };
  } finally {
    stage.dispose();
    canvas.remove();
  }
}

/** A shader's picture over a few frames of a still image: the colour of the first pixel of each. */
export async function stageTimeline(request: { backend: 'webgl2' | 'webgpu'; shader: string; frames: number }): Promise<{ renderer: string; failure: string | null; colours: number[][] }> {
  const input = { width: 32, height: 18, data: new Float32Array(32 * 18 * 4).fill(0.5) };
  const { renderer, failure, frames } = await stageFrames(request.backend, [{ name: 'timeline.glsl', text: request.shader }], input, 1, request.frames);
  return { renderer, failure, colours: frames.map((frame) => Array.from(frame.pixels.subarray(0, 4))) };
}

export async function stageShot(request: StageShotRequest): Promise<StageShotResult> {
  const sources = await Promise.all(request.files.map(async (url) => ({ name: url.split('/').at(-1) ?? url, text: await (await fetch(url)).text() })));
  const { renderer, failure, frame } = await stageCapture(request.backend, sources, await loadImage(request.input), request.scale);
  if (failure || !frame) return { renderer, failure: failure ?? 'the stage gave no picture', compared: [] };
  const compared = await Promise.all(request.compareWith.map(async (url) => ({ url, psnrRgb: psnrRgb(asImage(frame), await loadImage(url), request.border ?? 0) })));
  return { renderer, failure: null, compared };
}

export function asImage(frame: CapturedFrame): FloatImage {
  return { width: frame.width, height: frame.height, data: Float32Array.from(frame.pixels, (value) => value / 255) };
}
