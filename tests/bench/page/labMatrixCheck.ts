// The device check of the 8-bit matrix convolution (lab.html?matrix): a VL middle layer group on
// random half-float inputs against the same convolution on the CPU. SwiftShader has no subgroup
// matrices, so this runs on a GPU that has them.
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { foldNegativeHalves } from '../../../renderer/upscale/crelu';
import type { ConvLayer } from '../../../renderer/upscale/networks';
import { loadNetwork } from '../../../renderer/upscale/networkLoader';
import { halfBuffer, halfToFloat } from '../../../renderer/upscale/webgpu/halfFloat';
import { matrixConvShader, matrixConvTile, matrixWeights } from '../../../renderer/upscale/webgpu/matrixConv';

export async function matrixCheck(): Promise<unknown> {
  const gpu = await requestWebGpuDevice({ allowHalfPrecision: false, allowIntegerMatrices: true });
  if (!gpu?.integerMatrices) return { adapter: gpu?.adapterName ?? null, error: 'no 8-bit subgroup matrices on this adapter' };
  const { device } = gpu;
  const network = await loadNetwork('restore-cnn-vl');
  const middle = network.layers.filter((layer) => layer.kernel === 3 && layer.inputs.length === 2 && !layer.residual);
  const first = middle[0] as ConvLayer;
  const layers = [first, middle.find((layer) => layer !== first && layer.inputs.join() === first.inputs.join()) as ConvLayer].map(foldNegativeHalves);
  // Not a multiple of the tile, so the edges are checked too.
  const width = 70;
  const height = 37;
  let seed = 3;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const planes = [0, 1].map(() => Float32Array.from({ length: width * height * 4 }, () => halfToFloat(halfBuffer(new Float32Array([random() * 1.5]))[0] ?? 0)));
  const usage = GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.COPY_SRC;
  const inputs = planes.map((plane) => {
    const texture = device.createTexture({ size: [width, height], format: 'rgba16float', usage });
    device.queue.writeTexture({ texture }, halfBuffer(plane), { bytesPerRow: width * 8 }, [width, height]);
    return texture;
  });
  const outputs = [0, 1].map(() => device.createTexture({ size: [width, height], format: 'rgba16float', usage }));
  const weights = matrixWeights(layers);
  const digits = device.createBuffer({ size: weights.digits.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(digits, 0, weights.digits);
  const module = device.createShaderModule({ code: matrixConvShader(layers, gpu.integerMatrices.syntax, weights) });
  const errors = (await module.getCompilationInfo()).messages.filter((message) => message.type === 'error');
  if (errors.length > 0) return { adapter: gpu.adapterName, error: errors.map((message) => `${message.lineNum}: ${message.message}`).join('\n') };
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  const views = [...inputs, ...outputs].map((texture) => texture.createView());
  pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: digits } }, ...views.map((view, index) => ({ binding: 1 + index, resource: view }))] }));
  pass.dispatchWorkgroups(Math.ceil(width / matrixConvTile[0]), Math.ceil(height / matrixConvTile[1]));
  pass.end();
  const rowBytes = 768;
  const read = device.createBuffer({ size: rowBytes * height * 2, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  outputs.forEach((texture, index) => encoder.copyTextureToBuffer({ texture }, { buffer: read, offset: index * rowBytes * height, bytesPerRow: rowBytes }, [width, height]));
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const halves = new Uint16Array(read.getMappedRange().slice(0));
  read.unmap();
  const texel = (x: number, y: number, input: number) => {
    const at = (Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) * 4;
    return Array.from((planes[input] as Float32Array).subarray(at, at + 4));
  };
  let worst = 0;
  let largest = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      layers.forEach((layer, output) => {
        const sum = [...layer.bias];
        for (const term of layer.terms) {
          const value = texel(x + term.dx, y + term.dy, term.input).map((v) => (term.sign === 'identity' ? v : term.sign === 'positive' ? Math.max(v, 0) : Math.max(-v, 0)));
          for (let row = 0; row < 4; row++) for (let column = 0; column < 4; column++) sum[row] = (sum[row] ?? 0) + (term.matrix[column * 4 + row] ?? 0) * (value[column] ?? 0);
        }
        sum.forEach((expected, channel) => {
          const actual = halfToFloat(halves[(output * rowBytes * height + y * rowBytes + x * 8) / 2 + channel] ?? 0);
          worst = Math.max(worst, Math.abs(expected - actual));
          largest = Math.max(largest, Math.abs(expected));
        });
      });
    }
  }
  return { adapter: gpu.adapterName, syntax: gpu.integerMatrices.syntax, size: `${width}x${height}`, largestOutput: largest, largestError: worst };
}
