// Lab check of the repeat detector on the GPU: a scripted animation drawn from a corpus frame, each
// frame's verdict as the GPU gave it, and a reused picture compared with the same frame computed
// afresh. WebGL2 runs the whole picture stage; WebGPU runs its pipeline and detector without a
// canvas, because SwiftShader's WebGPU loses its device presenting to one.
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { Stage } from '../../../renderer/upscale/pictureStage';
import { planPasses } from '../../../renderer/upscale/planner';
import { buildPreset } from '../../../renderer/upscale/presets';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { WebGL2Backend } from '../../../renderer/upscale/webgl2/backend';
import { WebGpuPipeline } from '../../../renderer/upscale/webgpu/pipeline';
import { WebGpuRepeatDetector } from '../../../renderer/upscale/webgpu/repeats';
import { psnrRgb } from '../../support/metrics';
import { readTexture, uploadTexture } from './peer';
import { repeatCanvasId } from './repeatLabCanvas';

export type RepeatLabKind = 'first' | 'held' | 'held with noise' | 'new drawing' | 'pan of one pixel' | 'fade' | 'grain' | 'blink';

export interface RepeatLabResult {
  renderer: string;
  frames: { kind: RepeatLabKind; reused: boolean | null }[];
  /** The last held frame as shown (reused) against the same frame computed afresh. */
  psnr: number;
  /**
   * The page's screenshot of the canvas after the last held frame (which was not drawn again)
   * against the kept picture: what the viewer sees. WebGL2 only, when a screenshot was given.
   */
  canvasPsnr: number | null;
}

declare global {
  interface Window {
    /** Set while the lab waits for the test's screenshot of its canvas (a PNG as base64). */
    kireiLabResume?: (screenshot: string) => void;
  }
}

const width = 320;
const height = 180;

/** The frames: a crop of the drawing, changed as the kind says. */
function script(): { kind: RepeatLabKind; x: number; change?: (pixels: Uint8ClampedArray, step: number) => void }[] {
  const noise = (pixels: Uint8ClampedArray, amplitude: number, every: number, seed: number) => {
    let state = seed;
    for (let index = 0; index < pixels.length; index += 4 * every) {
      state = (state * 1664525 + 1013904223) >>> 0;
      const delta = Math.round(((state / 2 ** 32) - 0.5) * 2 * amplitude);
      for (let channel = 0; channel < 3; channel++) pixels[index + channel] = (pixels[index + channel] ?? 0) + delta;
    }
  };
  return [
    { kind: 'first', x: 0 },
    { kind: 'held', x: 0 },
    // A decoder's rounding: a level up or down on one pixel in five.
    { kind: 'held with noise', x: 0, change: (pixels, step) => noise(pixels, 1, 5, step + 11) },
    { kind: 'new drawing', x: 8 },
    { kind: 'held', x: 8 },
    { kind: 'pan of one pixel', x: 9 },
    { kind: 'pan of one pixel', x: 10 },
    { kind: 'held', x: 10 },
    { kind: 'fade', x: 10, change: (pixels) => pixels.forEach((value, index) => (pixels[index] = index % 4 === 3 ? value : value * 0.97)) },
    { kind: 'new drawing', x: 10 },
    { kind: 'grain', x: 10, change: (pixels, step) => noise(pixels, 6, 1, step + 5) },
    { kind: 'new drawing', x: 10 },
    // One eye closes: a small dark patch in one place.
    {
      kind: 'blink',
      x: 10,
      change: (pixels) => {
        for (let y = 90; y < 94; y++) for (let x = 150; x < 158; x++) for (let channel = 0; channel < 3; channel++) pixels[(y * width + x) * 4 + channel] = (pixels[(y * width + x) * 4 + channel] ?? 0) > 128 ? 0 : 255;
      },
    },
    { kind: 'new drawing', x: 10 },
    { kind: 'held with noise', x: 10, change: (pixels, step) => noise(pixels, 1, 5, step + 17) },
  ];
}

type Entry = ReturnType<typeof script>[number];

/** Frames of the script as RGBA bytes, drawn from the corpus frame. */
async function drawFrames(imageUrl: string): Promise<{ kind: RepeatLabKind; pixels: ImageData }[]> {
  const bitmap = await createImageBitmap(await (await fetch(imageUrl)).blob());
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas');
  return script().map((entry: Entry, step) => {
    context.drawImage(bitmap, 600 + entry.x, 300, width, height, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    entry.change?.(pixels.data, step);
    return { kind: entry.kind, pixels };
  });
}

function floatImage(pixels: ImageData): FloatImage {
  return { width: pixels.width, height: pixels.height, data: Float32Array.from(pixels.data, (value) => value / 255) };
}

/**
 * `waitForScreenshot`: WebGL2 stops with the last frame on the canvas (the title says 'lab paused')
 * until the test calls window.kireiLabResume with its screenshot of the canvas.
 */
export async function repeatLab(backend: 'webgl2' | 'webgpu', imageUrl: string, waitForScreenshot = false): Promise<RepeatLabResult> {
  const frames = await drawFrames(imageUrl);
  const definitions = await buildPreset({ kind: 'cnn', mode: 'A', tier: 'fast' });
  return backend === 'webgpu' ? webGpuRepeats(frames, definitions) : webGl2Repeats(frames, definitions, waitForScreenshot);
}

/** Waits for the test's screenshot of the canvas, taken while the page shows it. */
async function screenshotOfCanvas(): Promise<ImageData> {
  const title = document.title;
  const screenshot = await new Promise<string>((resolve) => {
    window.kireiLabResume = resolve;
    document.title = 'lab paused';
  });
  delete window.kireiLabResume;
  document.title = title;
  const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(screenshot), (character) => character.charCodeAt(0))], { type: 'image/png' }));
  const copy = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = copy.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** Through the WebGL2 picture stage, as the player draws. */
async function webGl2Repeats(frames: Awaited<ReturnType<typeof drawFrames>>, definitions: Awaited<ReturnType<typeof buildPreset>>, waitForScreenshot: boolean): Promise<RepeatLabResult> {
  const canvas = document.createElement('canvas');
  canvas.id = repeatCanvasId;
  canvas.width = width * 2;
  canvas.height = height * 2;
  // One canvas pixel per screen pixel at the page's corner, so that the screenshot is the canvas.
  Object.assign(canvas.style, { position: 'fixed', left: '0', top: '0', width: `${(width * 2) / devicePixelRatio}px`, height: `${(height * 2) / devicePixelRatio}px` });
  document.body.appendChild(canvas);
  const verdicts: boolean[] = [];
  const stage = new Stage(canvas, (events) => new WebGL2Backend(canvas, events), {
    onContextLost: () => undefined,
    onContextRestored: () => undefined,
    onTimings: () => undefined,
    onRepeat: (reused: boolean) => verdicts.push(reused),
  });
  const failure = await stage.setPreset('cnn:A:fast', definitions);
  if (failure) throw new Error(failure.message);
  stage.setReuseRepeats(true);
  const source = new OffscreenCanvas(width, height);
  const context = source.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  const render = async (pixels: ImageData) => {
    context.putImageData(pixels, 0, 0);
    // The stage takes no frame while the GPU is still on the one before.
    while (!stage.render(source, width, height)) await new Promise((resolve) => requestAnimationFrame(resolve));
  };
  const result: RepeatLabResult['frames'] = [];
  for (const frame of frames) {
    const heard = verdicts.length;
    await render(frame.pixels);
    result.push({ kind: frame.kind, reused: verdicts[heard] ?? null });
  }
  // The last frame repeated its drawing and was not drawn again: the canvas must still show it.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const onCanvas = waitForScreenshot ? await screenshotOfCanvas() : null;
  const shown = await stage.capture();
  stage.setReuseRepeats(false);
  const last = frames.at(-1);
  if (last) await render(last.pixels);
  const fresh = await stage.capture();
  const renderer = stage.info.renderer;
  stage.dispose();
  canvas.remove();
  if (!shown || !fresh) throw new Error('no picture to compare');
  const image = (frame: NonNullable<typeof shown>) => ({ width: frame.width, height: frame.height, data: Float32Array.from(frame.pixels, (value) => value / 255) });
  const canvasPsnr = onCanvas ? psnrRgb({ width: onCanvas.width, height: onCanvas.height, data: Float32Array.from(onCanvas.data, (value) => value / 255) }, image(shown)) : null;
  return { renderer, frames: result, psnr: psnrRgb(image(shown), image(fresh)), canvasPsnr };
}

/** Through the WebGPU pipeline with its passes gated by the detector, as the WebGPU backend encodes them. */
async function webGpuRepeats(frames: Awaited<ReturnType<typeof drawFrames>>, definitions: Awaited<ReturnType<typeof buildPreset>>): Promise<RepeatLabResult> {
  const gpu = await requestWebGpuDevice();
  if (!gpu) throw new Error('no WebGPU adapter');
  const { device } = gpu;
  const pipeline = new WebGpuPipeline(device, gpu);
  const failure = await pipeline.compile(definitions);
  if (failure) throw new Error(failure.message);
  const detector = new WebGpuRepeatDetector(device);
  await detector.compiling;
  const plan = planPasses(definitions, { width, height }, { width: width * 2, height: height * 2 });
  const run = (pixels: ImageData, gated: boolean, force: boolean) => {
    const source = uploadTexture(device, floatImage(pixels));
    const encoder = device.createCommandEncoder();
    const verdict = gated ? detector.encode(encoder, source, force) : Promise.resolve(false);
    const picture = pipeline.run(encoder, plan, source, null, gated ? detector : null);
    device.queue.submit([encoder.finish()]);
    if (!picture) throw new Error('the plan drew nothing');
    return { verdict, picture };
  };
  const result: RepeatLabResult['frames'] = [];
  let shown: FloatImage | null = null;
  for (const [index, frame] of frames.entries()) {
    const { verdict, picture } = run(frame.pixels, true, index === 0);
    result.push({ kind: frame.kind, reused: await verdict });
    if (index === frames.length - 1) shown = await readTexture(device, picture);
  }
  const last = frames.at(-1);
  if (!last || !shown) throw new Error('no frames');
  const fresh = await readTexture(device, run(last.pixels, false, true).picture);
  detector.dispose();
  pipeline.dispose();
  device.destroy();
  return { renderer: gpu.adapterName, frames: result, psnr: psnrRgb(shown, fresh), canvasPsnr: null };
}
