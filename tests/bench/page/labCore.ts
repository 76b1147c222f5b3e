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
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { crop } from '../../../renderer/upscale/reference/image';
import { runPlanOnCpu } from '../../../renderer/upscale/reference/runPlan';
import { maximumAbsoluteError, psnrRgb, psnrY, withinLevels } from '../../support/metrics';
import { loadImage } from './labImages';
import { peerDevice, runPeerStage } from './peer';
import { WebGL2Runner } from './webgl2Runner';
import { WebGpuRunner } from './webgpuRunner';

export type LabChain = { kind: 'preset'; preset: UpscalePreset } | { kind: 'network'; id: NetworkId };

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
    const failure = runner.prepare(key, definitions);
    if (failure) return { renderer, passes: 0, output, failure: `${failure.description}: ${failure.message}`, reference: null, compared: [] };
    runner.setInput(input);
    gpu = runner.read(runner.runFrame(output));
  }
  const plan = planPasses(definitions, input, output);

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

/** Our network alone against anime4k-webgpu's same stage alone, on the same input. */
export async function comparePeerStage(id: NetworkId, url: string, region?: LabRequest['crop']) {
  runner ??= new WebGL2Runner(document.getElementById('gl') as HTMLCanvasElement);
  let input: FloatImage = await loadImage(url);
  if (region) input = crop(input, region.x, region.y, region.width, region.height);
  const network = await loadNetwork(id);
  const definitions = networkPasses(network, 'alone');
  const scale = network.kind === 'upscale' ? 2 : 1;
  const output = { width: input.width * scale, height: input.height * scale };
  const failure = runner.prepare(`network:${id}`, definitions);
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

