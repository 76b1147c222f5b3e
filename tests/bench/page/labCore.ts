// The correctness lab: runs a preset or a single network on a GPU pipeline and on the CPU
// reference in the page, and answers with the comparisons the browser tests assert on.
import type { UpscalePreset } from '../../../electron/common/upscaling';
import { presetKey } from '../../../electron/common/upscaling';
import type { PassDefinition, Size } from '../../../renderer/upscale/model';
import type { NetworkId } from '../../../renderer/upscale/networks';
import { loadNetwork } from '../../../renderer/upscale/networkLoader';
import { networkPasses } from '../../../renderer/upscale/passes';
import { planPasses } from '../../../renderer/upscale/planner';
import { buildPreset } from '../../../renderer/upscale/presets';
import { userShaderPasses } from '../../../renderer/upscale/userShaders/userPasses';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { createImage, crop } from '../../../renderer/upscale/reference/image';
import { runPlanOnCpu } from '../../../renderer/upscale/reference/runPlan';
import { maximumAbsoluteError, psnrRgb, psnrY, withinLevels } from '../../support/metrics';
import { loadImage } from './labImages';
import { peerDevice, runPeerStage } from './peer';
import { WebGL2Runner } from './webgl2Runner';
import { WebGpuRunner } from './webgpuRunner';

/** A built-in preset, one network alone, or a chain of mpv shader files (URLs served beside the page), in order. */
export type LabChain = { kind: 'preset'; preset: UpscalePreset } | { kind: 'network'; id: NetworkId } | { kind: 'shaders'; files: string[] };

export interface LabRequest {
  backend?: 'webgl2' | 'webgpu';
  /** WebGPU only: allow shader-f16 where the adapter has it (default true). */
  halfPrecision?: boolean;
  chain: LabChain;
  /** URL of the input image, served beside the page. */
  input: string;
  crop?: { x: number; y: number; width: number; height: number };
  /** Output size as a multiple of the input. */
  scale: number;
  /** Compare with the CPU reference (slow for big images). */
  reference: boolean;
  /** Images to compare with (same size as the output), by URL. */
  compareWith?: string[];
}

export interface LabResult {
  renderer: string;
  passes: number;
  output: Size;
  failure: string | null;
  /** Against the CPU float32 reference. */
  reference: { maximumError: number; psnr: number; withinTolerance: number } | null;
  compared: { url: string; psnrRgb: number; psnrY: number; within2: number; maximumLevels: number }[];
}

let runner: WebGL2Runner | null = null;
/** One WebGPU runner per precision for the page's life: its compiled shaders are reused. */
const webgpuRunners = new Map<boolean, Promise<WebGpuRunner>>();
function webgpuRunner(halfPrecision: boolean): Promise<WebGpuRunner> {
  let pending = webgpuRunners.get(halfPrecision);
  if (!pending) {
    pending = WebGpuRunner.create(halfPrecision);
    webgpuRunners.set(halfPrecision, pending);
  }
  return pending;
}

async function definitionsFor(chain: LabChain): Promise<{ key: string; definitions: PassDefinition[] }> {
  if (chain.kind === 'preset') return { key: presetKey(chain.preset), definitions: await buildPreset(chain.preset) };
  if (chain.kind === 'shaders') {
    const sources = await Promise.all(
      chain.files.map(async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return { name: url.split('/').at(-1) ?? url, text: await response.text() };
      }),
    );
    return { key: `shaders:${chain.files.join(',')}`, definitions: userShaderPasses(sources) };
  }
  return { key: `network:${chain.id}`, definitions: networkPasses(await loadNetwork(chain.id), 'alone') };
}

export async function run(request: LabRequest): Promise<LabResult> {
  runner ??= new WebGL2Runner(document.getElementById('gl') as HTMLCanvasElement);
  let input: FloatImage = await loadImage(request.input);
  if (request.crop) input = crop(input, request.crop.x, request.crop.y, request.crop.width, request.crop.height);
  const output = { width: Math.round(input.width * request.scale), height: Math.round(input.height * request.scale) };
  const { key, definitions } = await definitionsFor(request.chain);
  let gpu: FloatImage;
  let renderer: string;
  if (request.backend === 'webgpu') {
    const webgpu = await webgpuRunner(request.halfPrecision ?? true);
    renderer = `${webgpu.gpu.adapterName}${webgpu.gpu.halfPrecision ? ' (f16)' : ' (f32)'}`;
    const failure = await webgpu.prepare(key, definitions);
    if (failure) return { renderer, passes: 0, output, failure: `${failure.description}: ${failure.message}`, reference: null, compared: [] };
    webgpu.setInput(input);
    gpu = await webgpu.read(webgpu.runFrame(output));
  } else {
    renderer = runner.renderer;
    const failure = await runner.prepare(key, definitions);
    if (failure) return { renderer, passes: 0, output, failure: `${failure.description}: ${failure.message}`, reference: null, compared: [] };
    runner.setInput(input);
    gpu = runner.read(runner.runFrame(output));
  }
  const plan = planPasses(definitions, input, output);
  // A chain that does not end at the output size is resized to it as the comparison's renderer
  // is configured to (libplacebo's bilinear, for mpv shader files).
  if (request.chain.kind === 'shaders' && (gpu.width !== output.width || gpu.height !== output.height)) gpu = resizeBilinear(gpu, output);

  let reference: LabResult['reference'] = null;
  if (request.reference) {
    // The 8-bit upload is exact; the CPU gets the same bytes as floats and, like the GPU's
    // RGBA16F targets, stores each pass's result as half floats.
    const cpu = runPlanOnCpu(plan, input, { halfFloatStorage: true });
    reference = { maximumError: maximumAbsoluteError(gpu, cpu), psnr: psnrRgb(gpu, cpu), withinTolerance: withinLevels(gpu, cpu, 2).share };
  }
  const compared = [];
  for (const url of request.compareWith ?? []) {
    const expected = await loadImage(url);
    const levels = withinLevels(gpu, expected, 2);
    compared.push({ url, psnrRgb: psnrRgb(gpu, expected), psnrY: psnrY(gpu, expected), within2: levels.share, maximumLevels: levels.maximum });
  }
  return { renderer, passes: plan.passes.length, output: { width: gpu.width, height: gpu.height }, failure: null, reference, compared };
}

/** Bilinear resampling at pixel centres, clamped to the edge: what a GPU's bilinear texture lookup gives. */
function resizeBilinear(image: FloatImage, size: Size): FloatImage {
  const result = createImage(size.width, size.height);
  const at = (x: number, y: number, channel: number) =>
    image.data[(Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))) * 4 + channel] ?? 0;
  for (let y = 0; y < size.height; y++) {
    const sy = ((y + 0.5) * image.height) / size.height - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < size.width; x++) {
      const sx = ((x + 0.5) * image.width) / size.width - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      for (let channel = 0; channel < 4; channel++) {
        const top = at(x0, y0, channel) * (1 - fx) + at(x0 + 1, y0, channel) * fx;
        const bottom = at(x0, y0 + 1, channel) * (1 - fx) + at(x0 + 1, y0 + 1, channel) * fx;
        result.data[(y * size.width + x) * 4 + channel] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return result;
}

/** Our network alone against anime4k-webgpu's same stage alone, on the same input. */
export async function comparePeerStage(id: NetworkId, url: string, region?: LabRequest['crop']) {
  runner ??= new WebGL2Runner(document.getElementById('gl') as HTMLCanvasElement);
  let input: FloatImage = await loadImage(url);
  if (region) input = crop(input, region.x, region.y, region.width, region.height);
  const network = await loadNetwork(id);
  const definitions = networkPasses(network, 'alone');
  const scale = network.kind === 'upscale' ? 2 : 1;
  const output = { width: input.width * scale, height: input.height * scale };
  const failure = await runner.prepare(`network:${id}`, definitions);
  if (failure) throw new Error(failure.message);
  runner.setInput(input);
  const ours = runner.read(runner.runFrame(output));
  const { device, adapter } = await peerDevice();
  const theirs = await runPeerStage(device, id, input);
  device.destroy();
  // The peer reads zeros outside the image where we clamp to the edge, as mpv does; the
  // comparison leaves out the border those reads reach.
  return {
    adapter: adapter.info.description || adapter.info.vendor,
    fallback: adapter.info.isFallbackAdapter,
    size: [theirs.width, theirs.height],
    psnrRgb: psnrRgb(ours, theirs, 4 * scale),
    psnrRgbWithBorder: psnrRgb(ours, theirs),
  };
}

