// The repeat detector audited on a clip: every frame the decoder presents goes through Mode A HQ
// twice — gated by the detector as the player runs it, and computed afresh — and for every frame
// the detector reused, the picture shown is compared with the fresh one (PSNR, on the GPU).
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { fitRect } from '../../../renderer/upscale/geometry';
import { planPasses } from '../../../renderer/upscale/planner';
import { buildPreset } from '../../../renderer/upscale/presets';
import { WebGpuPipeline } from '../../../renderer/upscale/webgpu/pipeline';
import { WebGpuRepeatDetector } from '../../../renderer/upscale/webgpu/repeats';
import { canvasSize, makeVideo, playThrough } from './playbackMedia';
import { median } from './statistics';

/** The clip plays at this rate while audited (`auditRate=`): slow enough for two computations a frame. */
const auditRate = Number(new URLSearchParams(location.search).get('auditRate') ?? 0.5);

export interface ReuseAudit {
  clip: string;
  adapter: string;
  /** Frames the decoder presented, those audited (the audit may miss a few while busy), and those reused. */
  presented: number;
  frames: number;
  reused: number;
  /** PSNR of each reused frame's shown picture against its fresh computation. */
  worstPsnr: number;
  medianPsnr: number;
  below45: number;
}

/** Sum of squared differences (in 8-bit levels) of two pictures, one partial sum per 16×16 tile. */
const differenceShader = `
@group(0) @binding(0) var shown: texture_2d<f32>;
@group(0) @binding(1) var fresh: texture_2d<f32>;
@group(0) @binding(2) var<storage, read_write> sums: array<f32>;
var<workgroup> partial: array<f32, 256>;
@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(local_invocation_index) index: u32, @builtin(workgroup_id) group: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let size = textureDimensions(shown);
  var error = 0.0;
  if (id.x < size.x && id.y < size.y) {
    let difference = (clamp(textureLoad(shown, id.xy, 0).rgb, vec3f(0.0), vec3f(1.0)) - clamp(textureLoad(fresh, id.xy, 0).rgb, vec3f(0.0), vec3f(1.0))) * 255.0;
    error = dot(difference, difference);
  }
  partial[index] = error;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride = stride >> 1u) {
    if (index < stride) { partial[index] += partial[index + stride]; }
    workgroupBarrier();
  }
  if (index == 0u) { sums[group.y * groups.x + group.x] = partial[0]; }
}`;

export async function auditReuse(clip: string, allowSoftware: boolean): Promise<ReuseAudit> {
  const gpu = await requestWebGpuDevice();
  if (!gpu) throw new Error('no WebGPU adapter');
  if (gpu.isFallbackAdapter && !allowSoftware) throw new Error(`WebGPU runs on a CPU fallback adapter (${gpu.adapterName})`);
  const { device } = gpu;
  const definitions = await buildPreset({ kind: 'cnn', mode: 'A', tier: 'hq' });
  const gated = new WebGpuPipeline(device, gpu);
  const fresh = new WebGpuPipeline(device, gpu);
  for (const pipeline of [gated, fresh]) {
    const failure = await pipeline.compile(definitions);
    if (failure) throw new Error(failure.message);
  }
  const detector = new WebGpuRepeatDetector(device);
  await detector.compiling;
  const video = makeVideo(clip);
  await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
  const native = { width: video.videoWidth, height: video.videoHeight };
  const rect = fitRect(native.width, native.height, canvasSize.width, canvasSize.height);
  const plan = planPasses(definitions, native, { width: rect.width, height: rect.height });
  const source = device.createTexture({ size: [native.width, native.height], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT });
  const compare = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: differenceShader }), entryPoint: 'main' } });
  const tiles = Math.ceil(rect.width / 16) * Math.ceil(rect.height / 16);
  const sums = device.createBuffer({ size: tiles * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: tiles * 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const psnrs: number[] = [];
  let frames = 0;
  let busy = false;
  let presented = 0;
  let lost = false;
  void device.lost.then(() => (lost = true));
  // SwiftShader's WebGPU loses its device copying from a video: in a software check the frame goes through the CPU.
  const staging = gpu.isFallbackAdapter ? new OffscreenCanvas(native.width, native.height).getContext('2d', { willReadFrequently: true }) : null;
  const upload = () => {
    if (!staging) {
      device.queue.copyExternalImageToTexture({ source: video }, { texture: source }, [native.width, native.height]);
      return;
    }
    staging.drawImage(video, 0, 0);
    device.queue.writeTexture({ texture: source }, staging.getImageData(0, 0, native.width, native.height).data, { bytesPerRow: native.width * 4 }, [native.width, native.height]);
  };
  const audit = async () => {
    upload();
    const encoder = device.createCommandEncoder();
    const verdict = detector.encode(encoder, source, frames === 0);
    const shown = gated.run(encoder, plan, source, null, detector);
    const computed = fresh.run(encoder, plan, source, null);
    if (!shown || !computed) throw new Error('the plan drew nothing');
    const pass = encoder.beginComputePass();
    pass.setPipeline(compare);
    pass.setBindGroup(0, device.createBindGroup({ layout: compare.getBindGroupLayout(0), entries: [{ binding: 0, resource: shown.createView() }, { binding: 1, resource: computed.createView() }, { binding: 2, resource: { buffer: sums } }] }));
    pass.dispatchWorkgroups(Math.ceil(rect.width / 16), Math.ceil(rect.height / 16));
    pass.end();
    encoder.copyBufferToBuffer(sums, 0, read, 0, tiles * 4);
    device.queue.submit([encoder.finish()]);
    frames++;
    if ((await verdict) !== true) return;
    await read.mapAsync(GPUMapMode.READ);
    const squared = new Float32Array(read.getMappedRange()).reduce((sum, value) => sum + value, 0);
    read.unmap();
    const meanSquare = squared / (rect.width * rect.height * 3);
    psnrs.push(meanSquare === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / meanSquare));
  };
  let handle: number;
  const frame = () => {
    handle = video.requestVideoFrameCallback(frame);
    presented++;
    // A frame that comes while the last is still audited is left out (the next is compared with the last computed one).
    if (busy) return;
    busy = true;
    void audit().finally(() => (busy = false));
  };
  handle = video.requestVideoFrameCallback(frame);
  // Slowed down so that the audit (two computations a frame) keeps up: every frame is audited.
  video.playbackRate = auditRate;
  await playThrough(video);
  video.cancelVideoFrameCallback(handle);
  while (busy) await new Promise((resolve) => setTimeout(resolve, 10));
  if (lost) throw new Error(`the WebGPU device was lost during the audit (${gpu.adapterName})`);
  video.remove();
  detector.dispose();
  gated.dispose();
  fresh.dispose();
  device.destroy();
  const finite = psnrs.filter(Number.isFinite);
  return {
    clip,
    adapter: gpu.adapterName,
    presented,
    frames,
    reused: psnrs.length,
    worstPsnr: psnrs.length > 0 ? Math.min(...psnrs) : Number.NaN,
    medianPsnr: finite.length > 0 ? median(finite) : Number.POSITIVE_INFINITY,
    below45: psnrs.filter((value) => value < 45).length,
  };
}
