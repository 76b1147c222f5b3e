// The speed benchmark: every mode and tier at 720p→1440p and 1080p→2160p on the GPU this page
// runs on, timed with GPU timer queries, plus anime4k-webgpu's ModeA/B/C when WebGPU exists.
// It POSTs its JSON to /result (the gpu-browser contract) and also shows it on the page.
import type { UpscalePreset } from '../../../electron/common/upscaling';
import { anime4kModes, presetKey, presetLabel } from '../../../electron/common/upscaling';
import { buildPreset, tiersOf } from '../../../renderer/upscale/presets';
import type { ShaderSource } from '../../../renderer/upscale/userShaders/userPasses';
import { testCard } from './labImages';
import { peerDevice, peerModes, uploadTexture } from './peer';
import { median, percentile } from './statistics';
import { run as runLab } from './labCore';
import { stageSmoke } from './labStage';
import { timeWebGL2 } from './webgl2Bench';
import { WebGL2Runner } from './webgl2Runner';
import { timeWebGpu } from './webgpuBench';
import { WebGpuRunner } from './webgpuRunner';
import type { ConvLayout } from '../../../renderer/upscale/webgpu/wgsl';

const parameters = new URLSearchParams(location.search);
const frameCount = Number(parameters.get('frames') ?? 300);
const heights = (parameters.get('sizes') ?? '720,1080').split(',').map(Number);
const only = parameters.get('presets')?.split(',');
const backends = (parameters.get('backends') ?? 'webgl2,webgpu').split(',');
const withPeer = parameters.get('peer') !== '0';
/** Software renderers give correct pictures and meaningless times: only a check of correctness may use them. */
const allowSoftware = parameters.get('allowSoftware') === '1';

function refuseSoftware(api: string, name: string, fallback: boolean): void {
  if (allowSoftware) return;
  if (fallback || /swiftshader|llvmpipe|lavapipe|software/i.test(name)) throw new Error(`${api} runs on a CPU fallback (${name || 'unnamed adapter'}): no GPU figures from it. On a headless machine Chromium needs --disable-vulkan-surface to reach Vulkan.`);
}

export interface BenchRow {
  backend: string;
  preset: string;
  input: string;
  output: string;
  frames: number;
  medianMs: number;
  p99Ms: number;
  macsPerFrame: number;
  gmacPerSecond: number;
  timing: string;
  /** Median per pass, summed by network, for finding the slow part. */
  breakdown: Record<string, number>;
}

const log = (line: string) => {
  const element = document.getElementById('log');
  if (element) element.textContent += `${line}\n`;
  void fetch('/log', { method: 'POST', body: line }).catch(() => undefined);
};

/** The viewer's mpv shader chains the benchmark times beside Anime4K (files the page folder carries, see table.mjs). */
const userChains: Record<string, string[]> = {
  'ArtCNN C4F16': ['artcnn/ArtCNN_C4F16.glsl'],
  'ArtCNN C4F32': ['artcnn/ArtCNN_C4F32.glsl'],
  'CuNNy 4x16': ['cunny/CuNNy-4x16-SOFT.glsl'],
  'CuNNy fast': ['cunny/CuNNy-fast-SOFT.glsl'],
  'RAVU lite': ['ravu/ravu-lite-ar-r4.hook'],
  'RAVU lite (compute)': ['ravu/compute/ravu-lite-ar-r4.hook'],
};

/** A chain's files as the player would get them from the shaders folder. */
async function userChainSources(chain: string): Promise<ShaderSource[]> {
  return Promise.all(
    (userChains[chain] ?? []).map(async (file) => {
      const response = await fetch(`corpus/mpv-shaders/${file}`);
      if (!response.ok) throw new Error(`${file} is not in the page folder (table.mjs copies it from the corpus)`);
      return { name: file.split('/').at(-1) ?? file, text: await response.text() };
    }),
  );
}

function presets(): UpscalePreset[] {
  const list: UpscalePreset[] = [{ kind: 'classic' }];
  for (const mode of anime4kModes) for (const tier of tiersOf(mode)) list.push({ kind: 'cnn', mode, tier });
  for (const chain of Object.keys(userChains)) list.push({ kind: 'shaders', chain });
  return list.filter((preset) => !only || only.includes(presetKey(preset)));
}

function breakdownOf(passes: Map<string, number[]>): Record<string, number> {
  const grouped: Record<string, number> = {};
  for (const [label, times] of passes) {
    const group = label.replace(/ (conv2d\w*|output|depth-to-space)$/, '');
    grouped[group] = (grouped[group] ?? 0) + median(times);
  }
  return grouped;
}

async function benchWebGL2(rows: BenchRow[], info: Record<string, unknown>): Promise<void> {
  const runner = new WebGL2Runner(document.getElementById('gl') as HTMLCanvasElement);
  info['webgl2Renderer'] = runner.renderer;
  refuseSoftware('WebGL2', runner.renderer, false);
  info['webgl2Timing'] = runner.timer.source;
  for (const height of heights) {
    const native = { width: Math.round((height * 16) / 9), height };
    const output = { width: native.width * 2, height: native.height * 2 };
    runner.setInput(testCard(native.width, native.height));
    for (const preset of presets()) {
      const failure = await runner.prepare(presetKey(preset), await buildPreset(preset, userChainSources));
      if (failure) {
        log(`webgl2 ${presetLabel(preset)}: ${failure.description} failed: ${failure.message}`);
        continue;
      }
      const plan = runner.plan(native, output);
      const times = await timeWebGL2(runner, output, frameCount);
      const medianMs = median(times.frames);
      const row: BenchRow = {
        backend: 'webgl2',
        preset: presetLabel(preset),
        input: `${native.width}×${native.height}`,
        output: `${output.width}×${output.height}`,
        frames: times.frames.length,
        medianMs,
        p99Ms: percentile(times.frames, 0.99),
        macsPerFrame: plan.macsPerFrame,
        gmacPerSecond: plan.macsPerFrame / (medianMs * 1e6),
        timing: times.timing,
        breakdown: breakdownOf(times.passes),
      };
      rows.push(row);
      log(`webgl2 ${row.preset} ${row.input}→${row.output}: ${medianMs.toFixed(3)} ms (p99 ${row.p99Ms.toFixed(3)}), ${row.gmacPerSecond.toFixed(0)} GMAC/s`);
      void fetch('/partial', { method: 'POST', body: JSON.stringify({ rows, info }) }).catch(() => undefined);
    }
  }
}

/**
 * Kernel layouts to compare: `layouts=16x8:1x1:u,8x8:2x1:i,16x8:1x1:i:m` (threads, pixels per
 * thread, uniform or inline weights, then `m` for the 8-bit matrix units where the device has them
 * and `n` for each small network in one pass instead of a pass per layer).
 */
function layouts(): (ConvLayout | undefined)[] {
  const text = parameters.get('layouts');
  if (!text) return [undefined];
  return text.split(',').map((entry) => {
    const [threads = '16x8', pixels = '1x1', weights = 'u', arithmetic = ''] = entry.split(':');
    const pair = (value: string) => value.split('x').map(Number) as [number, number];
    return { threads: pair(threads), pixels: pair(pixels), inlineWeights: weights === 'i', integerMatrices: arithmetic.includes('m'), fuseNetworks: arithmetic.includes('n') };
  });
}

async function benchWebGpu(rows: BenchRow[], info: Record<string, unknown>, allowHalfPrecision: boolean, layout?: ConvLayout): Promise<void> {
  const runner = await WebGpuRunner.create(allowHalfPrecision, layout);
  const layoutName = layout ? ` ${layout.threads.join('x')}:${layout.pixels.join('x')}:${layout.inlineWeights ? 'inline' : 'uniform'}${layout.fuseNetworks === true ? ':networks in one pass' : ''}` : '';
  const matrices = runner.gpu.integerMatrices && layout?.integerMatrices === true ? ` + int8 matrices (${runner.gpu.integerMatrices.syntax})` : '';
  const backend = `webgpu ${runner.gpu.halfPrecision ? 'f16' : 'f32'}${matrices}${layoutName}`;
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  info['webgpuFeatures'] = adapter ? [...adapter.features].sort() : [];
  info['webgpuWorkgroupStorage'] = adapter?.limits.maxComputeWorkgroupStorageSize;
  info[`${backend} adapter`] = runner.gpu.adapterName;
  refuseSoftware('WebGPU', runner.gpu.adapterName, runner.gpu.isFallbackAdapter);
  for (const height of heights) {
    const native = { width: Math.round((height * 16) / 9), height };
    const output = { width: native.width * 2, height: native.height * 2 };
    runner.setInput(testCard(native.width, native.height));
    for (const preset of presets()) {
      const failure = await runner.prepare(presetKey(preset), await buildPreset(preset, userChainSources));
      if (failure) {
        log(`${backend} ${presetLabel(preset)}: ${failure.description} failed: ${failure.message}`);
        continue;
      }
      const plan = runner.plan(native, output);
      const times = await timeWebGpu(runner, output, frameCount);
      const medianMs = median(times.frames);
      const row: BenchRow = {
        backend,
        preset: presetLabel(preset),
        input: `${native.width}×${native.height}`,
        output: `${output.width}×${output.height}`,
        frames: times.frames.length,
        medianMs,
        p99Ms: percentile(times.frames, 0.99),
        macsPerFrame: plan.macsPerFrame,
        gmacPerSecond: plan.macsPerFrame / (medianMs * 1e6),
        timing: times.timing,
        breakdown: breakdownOf(times.passes),
      };
      rows.push(row);
      log(`${backend} ${row.preset} ${row.input}→${row.output}: ${medianMs.toFixed(3)} ms (p99 ${row.p99Ms.toFixed(3)}), ${row.gmacPerSecond.toFixed(0)} GMAC/s`);
      void fetch('/partial', { method: 'POST', body: JSON.stringify({ rows, info }) }).catch(() => undefined);
    }
  }
  runner.dispose();
}

/** anime4k-webgpu's presets, timed from the first to the last of its passes with timestamps. */
async function benchPeer(rows: BenchRow[], info: Record<string, unknown>): Promise<void> {
  const { device, adapter } = await peerDevice();
  const adapterInfo = adapter.info;
  info['webgpuAdapter'] = {
    vendor: adapterInfo.vendor,
    architecture: adapterInfo.architecture,
    device: adapterInfo.device,
    description: adapterInfo.description,
    isFallbackAdapter: adapterInfo.isFallbackAdapter,
  };
  refuseSoftware('WebGPU (anime4k-webgpu)', `${adapterInfo.vendor} ${adapterInfo.description}`.trim(), adapterInfo.isFallbackAdapter);
  const timestamps = device.features.has('timestamp-query');
  for (const height of heights) {
    const native = { width: Math.round((height * 16) / 9), height };
    const target = { width: native.width * 2, height: native.height * 2 };
    const input = uploadTexture(device, testCard(native.width, native.height));
    for (const [name, Mode] of Object.entries(peerModes)) {
      const pipeline = new Mode({ device, inputTexture: input, nativeDimensions: native, targetDimensions: target });
      const frames: number[] = [];
      const querySet = timestamps ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
      const resolve = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
      for (let frame = 0; frame < frameCount + 10; frame++) {
        const encoder = device.createCommandEncoder();
        if (querySet) encoder.beginComputePass({ timestampWrites: { querySet, beginningOfPassWriteIndex: 0 } }).end();
        pipeline.pass(encoder);
        if (querySet) {
          encoder.beginComputePass({ timestampWrites: { querySet, endOfPassWriteIndex: 1 } }).end();
          encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
          encoder.copyBufferToBuffer(resolve, 0, read, 0, 16);
        }
        const started = performance.now();
        device.queue.submit([encoder.finish()]);
        if (querySet) {
          await read.mapAsync(GPUMapMode.READ);
          const [begin = 0n, end = 0n] = new BigUint64Array(read.getMappedRange());
          read.unmap();
          if (frame >= 10) frames.push(Number(end - begin) / 1e6);
        } else {
          await device.queue.onSubmittedWorkDone();
          if (frame >= 10) frames.push(performance.now() - started);
        }
      }
      const medianMs = median(frames);
      rows.push({
        backend: 'anime4k-webgpu',
        preset: `anime4k-webgpu Mode${name}`,
        input: `${native.width}×${native.height}`,
        output: `${target.width}×${target.height}`,
        frames: frames.length,
        medianMs,
        p99Ms: percentile(frames, 0.99),
        macsPerFrame: 0,
        gmacPerSecond: 0,
        timing: querySet ? 'gpu' : 'cpu',
        breakdown: {},
      });
      log(`anime4k-webgpu ${name} ${native.height}p: ${medianMs.toFixed(3)} ms`);
      querySet?.destroy();
    }
    input.destroy();
  }
  device.destroy();
}

/**
 * Correctness on this GPU: every preset against the CPU reference on a crop, and the official
 * outputs when the page folder carries them (corpus/anime4k-official/Bird).
 */
async function verify(info: Record<string, unknown>): Promise<void> {
  const checks: Record<string, unknown>[] = [];
  const official: Record<string, string> = { 'cnn:A:hq': 'A_HQ', 'cnn:B:hq': 'B_HQ', 'cnn:C:hq': 'C_HQ', 'cnn:A+A:hq': 'AA_HQ', 'cnn:B+B:hq': 'BB_HQ', 'cnn:C+A:hq': 'CA_HQ', 'cnn:A:fast': 'A_Fast', 'cnn:B:fast': 'B_Fast' };
  const exists = async (url: string) => (await fetch(url, { method: 'HEAD' })).ok;
  const variants = [
    { backend: 'webgl2' as const, halfPrecision: false },
    { backend: 'webgpu' as const, halfPrecision: true },
    { backend: 'webgpu' as const, halfPrecision: false },
  ];
  for (const preset of presets()) {
    for (const variant of variants) {
      const chain = { kind: 'preset' as const, preset };
      const crop = await runLab({ ...variant, chain, input: 'corpus/frames/input.png', crop: { x: 200, y: 100, width: 48, height: 40 }, scale: 2, reference: true }).catch((error: unknown) => ({ failure: String(error), reference: null, renderer: '', compared: [] }));
      const file = official[presetKey(preset)];
      const officialUrl = `corpus/anime4k-official/Bird/${file ?? ''}.png`;
      const whole = file && (await exists(officialUrl)) ? await runLab({ ...variant, chain, input: 'corpus/anime4k-official/Bird/input.png', scale: 2, reference: false, compareWith: [`corpus/anime4k-official/Bird/${file}.png`] }) : null;
      const check = {
        preset: presetLabel(preset),
        renderer: crop.renderer,
        failure: crop.failure,
        maximumErrorVsCpu: crop.reference?.maximumError,
        official: whole?.compared[0] ? { file, psnr: whole.compared[0].psnrRgb, within2: whole.compared[0].within2 } : null,
      };
      checks.push(check);
      log(`verify ${check.preset} ${check.renderer}: max error ${check.maximumErrorVsCpu?.toFixed(5) ?? '—'}${check.official ? `, ${file} ${check.official.psnr.toFixed(2)} dB, ${(check.official.within2 * 100).toFixed(3)} % within ±2` : ''}${check.failure ? ` FAILED ${check.failure}` : ''}`);
    }
  }
  info['verification'] = checks;
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const info: Record<string, unknown> = { userAgent: navigator.userAgent, frames: frameCount, heights };
  window.addEventListener('error', (event) => log(`error: ${event.message}`));
  try {
    const smoke = parameters.get('smoke');
    if (smoke) info['stageSmoke'] = await stageSmoke(smoke, Number(parameters.get('seconds') ?? 6));
    if (parameters.get('verify') === '1') await verify(info);
    if (backends.includes('webgl2')) await benchWebGL2(rows, info);
    if ('gpu' in navigator && backends.includes('webgpu')) for (const layout of layouts()) await benchWebGpu(rows, info, true, layout);
    if ('gpu' in navigator && backends.includes('webgpu-f32')) await benchWebGpu(rows, info, false);
    if (withPeer && 'gpu' in navigator) await benchPeer(rows, info);
  } catch (error) {
    info['error'] = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    log(`failed: ${String(info['error'])}`);
  }
  const result = { info, rows };
  (window as unknown as { kireiBenchResult: unknown }).kireiBenchResult = result;
  await fetch('/result', { method: 'POST', body: JSON.stringify(result) }).catch(() => undefined);
  document.title = 'bench done';
}

void main();
