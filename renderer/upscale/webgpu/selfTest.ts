import type { WebGpuDevice } from '../../gpu/webgpu/device';
import { networkPasses } from '../passes';
import { planPasses } from '../planner';
import type { NetworkDescription } from '../networks';
import { createImage } from '../reference/image';
import { runPlanOnCpu } from '../reference/runPlan';
import { halfToFloat } from './halfFloat';
import { WebGpuPipeline } from './pipeline';

/** A small, deterministic frame with edges and gradients. */
function testImage(width: number, height: number) {
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const edge = x > width / 2 + Math.sin(y) * 2 ? 0.85 : 0.15;
      image.data.set([edge, (x * 7 + y * 3) % 17 / 17, y / height, 1], (y * width + x) * 4);
    }
  }
  return image;
}

/**
 * Runs a CNN stage on a known frame with WebGPU and compares it with the CPU reference. A driver
 * that computes wrongly (it happens) must not be trusted with the picture: WebGL2 is used instead.
 */
export async function webGpuSelfTest(gpu: WebGpuDevice, network: NetworkDescription): Promise<{ passed: boolean; maximumError: number }> {
  const { device } = gpu;
  const input = testImage(24, 16);
  const definitions = networkPasses(network, 'self-test');
  const output = { width: input.width * (network.kind === 'upscale' ? 2 : 1), height: input.height * (network.kind === 'upscale' ? 2 : 1) };
  const pipeline = new WebGpuPipeline(device, gpu);
  const failure = await pipeline.compile(definitions);
  if (failure) return { passed: false, maximumError: Number.POSITIVE_INFINITY };
  const source = device.createTexture({ size: [input.width, input.height], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST });
  const bytes = new Uint8Array(input.data.length);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Math.round((input.data[index] ?? 0) * 255);
  device.queue.writeTexture({ texture: source }, bytes, { bytesPerRow: input.width * 4 }, [input.width, input.height]);
  for (let index = 0; index < bytes.length; index++) input.data[index] = (bytes[index] ?? 0) / 255;
  const encoder = device.createCommandEncoder();
  const result = pipeline.run(encoder, planPasses(definitions, input, output), source, null);
  if (!result) return { passed: false, maximumError: Number.POSITIVE_INFINITY };
  const bytesPerRow = Math.ceil((output.width * 8) / 256) * 256;
  const buffer = device.createBuffer({ size: bytesPerRow * output.height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  encoder.copyTextureToBuffer({ texture: result }, { buffer, bytesPerRow }, [output.width, output.height]);
  device.queue.submit([encoder.finish()]);
  await buffer.mapAsync(GPUMapMode.READ);
  const halves = new Uint16Array(buffer.getMappedRange().slice(0));
  buffer.unmap();
  buffer.destroy();
  source.destroy();
  pipeline.dispose();
  const expected = runPlanOnCpu(planPasses(definitions, input, output), input, { halfFloatStorage: true });
  let maximumError = 0;
  for (let y = 0; y < output.height; y++) {
    for (let x = 0; x < output.width; x++) {
      for (let channel = 0; channel < 3; channel++) {
        const actual = halfToFloat(halves[(y * bytesPerRow) / 2 + x * 4 + channel] ?? 0);
        maximumError = Math.max(maximumError, Math.abs(actual - (expected.data[(y * output.width + x) * 4 + channel] ?? 0)));
      }
    }
  }
  return { passed: maximumError <= 2 / 255, maximumError };
}
