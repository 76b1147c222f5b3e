import type { PassSample } from '../../../renderer/gpu/timing';
import type { WebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { TimestampTimer } from '../../../renderer/gpu/webgpu/timer';
import type { PassDefinition, Size } from '../../../renderer/upscale/model';
import type { Plan } from '../../../renderer/upscale/planner';
import { PlanCache } from '../../../renderer/upscale/planner';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import type { PassFailure } from '../../../renderer/upscale/stage';
import { WebGpuPipeline } from '../../../renderer/upscale/webgpu/pipeline';
import type { ConvLayout } from '../../../renderer/upscale/webgpu/wgsl';
import { readTexture, uploadTexture } from './peer';

/** Runs the app's WebGPU pipeline on still images, outside the player, for tests and timing. */
export class WebGpuRunner {
  readonly timer: TimestampTimer;
  private readonly pipeline: WebGpuPipeline;
  private readonly plans = new PlanCache();
  private preset: { key: string; definitions: PassDefinition[] } = { key: 'off', definitions: [] };
  private source: GPUTexture | null = null;

  private constructor(
    readonly gpu: WebGpuDevice,
    layout?: ConvLayout,
  ) {
    this.pipeline = new WebGpuPipeline(gpu.device, gpu, layout);
    this.timer = new TimestampTimer(gpu.device, gpu.timestamps);
  }

  static async create(allowHalfPrecision = true, layout?: ConvLayout): Promise<WebGpuRunner> {
    const gpu = await requestWebGpuDevice({ allowHalfPrecision, allowIntegerMatrices: layout?.integerMatrices === true });
    if (!gpu) throw new Error('WebGPU has no adapter here');
    return new WebGpuRunner(gpu, layout);
  }

  get device(): GPUDevice {
    return this.gpu.device;
  }

  async prepare(key: string, definitions: PassDefinition[]): Promise<PassFailure | null> {
    const failure = await this.pipeline.compile(definitions);
    this.preset = failure ? { key: 'off', definitions: [] } : { key, definitions };
    this.plans.clear();
    return failure;
  }

  plan(native: Size, output: Size): Plan {
    return this.plans.get(this.preset.definitions, this.preset.key, native, output);
  }

  setInput(image: FloatImage): void {
    this.source?.destroy();
    this.source = uploadTexture(this.gpu.device, image);
  }

  /** One frame; `onTimes` gets its per-pass times and span when the timestamps are read back. */
  runFrame(output: Size, onTimes?: (samples: PassSample[], span: number) => void): GPUTexture {
    if (!this.source) throw new Error('no input');
    const encoder = this.gpu.device.createCommandEncoder();
    this.timer.beginFrame();
    const result = this.pipeline.run(encoder, this.plan(this.source, output), this.source, onTimes ? this.timer : null) ?? this.source;
    if (onTimes) this.timer.endFrame(encoder, onTimes);
    this.gpu.device.queue.submit([encoder.finish()]);
    return result;
  }

  read(texture: GPUTexture): Promise<FloatImage> {
    return readTexture(this.gpu.device, texture);
  }

  dispose(): void {
    this.pipeline.dispose();
    this.timer.dispose();
    this.source?.destroy();
    this.gpu.device.destroy();
  }
}
