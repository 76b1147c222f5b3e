// anime4k-webgpu, the peer we measure against: its stages and presets run on a WebGPU device.
import {
  CNNM,
  CNNSoftM,
  CNNSoftVL,
  CNNUL,
  CNNVL,
  CNNx2M,
  CNNx2UL,
  CNNx2VL,
  DenoiseCNNx2VL,
  ModeA,
  ModeB,
  ModeC,
} from 'anime4k-webgpu';
import type { NetworkId } from '../../../renderer/upscale/networks';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { createImage, imageToBytes } from '../../../renderer/upscale/reference/image';
import { halfToFloat } from '../../../renderer/upscale/webgpu/halfFloat';

interface PeerPipeline {
  pass(encoder: GPUCommandEncoder): void;
  getOutputTexture(): GPUTexture;
}

const stageClasses: Record<NetworkId, new (options: { device: GPUDevice; inputTexture: GPUTexture }) => PeerPipeline> = {
  'restore-cnn-m': CNNM,
  'restore-cnn-vl': CNNVL,
  'restore-cnn-ul': CNNUL,
  'restore-cnn-soft-m': CNNSoftM,
  'restore-cnn-soft-vl': CNNSoftVL,
  'upscale-cnn-x2-m': CNNx2M,
  'upscale-cnn-x2-vl': CNNx2VL,
  'upscale-cnn-x2-ul': CNNx2UL,
  'upscale-denoise-cnn-x2-vl': DenoiseCNNx2VL,
};

export const peerModes = { A: ModeA, B: ModeB, C: ModeC } as const;

export async function peerDevice(): Promise<{ device: GPUDevice; adapter: GPUAdapter }> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('WebGPU has no adapter here');
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
  });
  return { device, adapter };
}

export function uploadTexture(device: GPUDevice, image: FloatImage): GPUTexture {
  const texture = device.createTexture({
    size: [image.width, image.height],
    format: 'rgba8unorm',
    usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
  });
  device.queue.writeTexture({ texture }, imageToBytes(image), { bytesPerRow: image.width * 4 }, [image.width, image.height]);
  return texture;
}

const copyShader = `
@group(0) @binding(0) var source: texture_2d<f32>;
@group(0) @binding(1) var copyTarget: texture_storage_2d<rgba16float, write>;
@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = textureDimensions(source);
  if (id.x >= size.x || id.y >= size.y) { return; }
  textureStore(copyTarget, id.xy, textureLoad(source, id.xy, 0));
}`;

/** The peer's textures cannot be copied out (no COPY_SRC usage), so a compute pass copies them first. */
function copyable(device: GPUDevice, texture: GPUTexture): GPUTexture {
  const target = device.createTexture({
    size: [texture.width, texture.height],
    format: 'rgba16float',
    usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.COPY_SRC,
  });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: copyShader }), entryPoint: 'main' } });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: texture.createView() },
      { binding: 1, resource: target.createView() },
    ],
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(texture.width / 8), Math.ceil(texture.height / 8));
  pass.end();
  device.queue.submit([encoder.finish()]);
  return target;
}

/** Reads an rgba16float texture back as floats (other formats are copied to one first). */
export async function readTexture(device: GPUDevice, original: GPUTexture): Promise<FloatImage> {
  const texture = original.usage & GPUTextureUsage.COPY_SRC && original.format === 'rgba16float' ? original : copyable(device, original);
  const bytesPerRow = Math.ceil((texture.width * 8) / 256) * 256;
  const buffer = device.createBuffer({ size: bytesPerRow * texture.height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const encoder = device.createCommandEncoder();
  encoder.copyTextureToBuffer({ texture }, { buffer, bytesPerRow }, [texture.width, texture.height]);
  device.queue.submit([encoder.finish()]);
  await buffer.mapAsync(GPUMapMode.READ);
  const halves = new Uint16Array(buffer.getMappedRange());
  const image = createImage(texture.width, texture.height);
  for (let y = 0; y < texture.height; y++) {
    for (let x = 0; x < texture.width * 4; x++) image.data[y * texture.width * 4 + x] = halfToFloat(halves[(y * bytesPerRow) / 2 + x] ?? 0);
  }
  buffer.unmap();
  buffer.destroy();
  if (texture !== original) texture.destroy();
  return image;
}

/** One anime4k-webgpu stage, alone (no clamp, no other stage), on an image. */
export async function runPeerStage(device: GPUDevice, id: NetworkId, image: FloatImage): Promise<FloatImage> {
  device.pushErrorScope('validation');
  const input = uploadTexture(device, image);
  const pipeline = new stageClasses[id]({ device, inputTexture: input });
  const encoder = device.createCommandEncoder();
  pipeline.pass(encoder);
  device.queue.submit([encoder.finish()]);
  const result = await readTexture(device, pipeline.getOutputTexture());
  const error = await device.popErrorScope();
  input.destroy();
  if (error) throw new Error(`anime4k-webgpu ${id}: ${error.message}`);
  return result;
}
