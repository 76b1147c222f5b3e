import type { WebGpuDevice } from '../../gpu/webgpu/device';
import { requestWebGpuDevice } from '../../gpu/webgpu/device';
import { TimestampTimer } from '../../gpu/webgpu/timer';
import type { PixelRect } from '../geometry';
import { fitRect } from '../geometry';
import type { PassDefinition } from '../model';
import type { Plan } from '../planner';
import type { ScalerKind } from '../scalers';
import { scalerIndex } from '../scalers';
import type { CapturedFrame, CompareSettings, PassFailure, PictureStage, StageInfo, StageListener } from '../stage';
import { WebGpuPipeline } from './pipeline';
import { importShader, presentShader } from './presentShaders';

interface Resources {
  gpu: WebGpuDevice;
  context: GPUCanvasContext;
  pipeline: WebGpuPipeline;
  timer: TimestampTimer;
  importPipeline: GPUComputePipeline;
  presentPipeline: GPURenderPipeline;
  format: GPUTextureFormat;
  placement: GPUBuffer;
}

/** The frame texture is written by the import pass (storage) or by the queue's copy (attachment). */
function sourceUsage(external: boolean): number {
  return (
    GPUTextureUsage.TEXTURE_BINDING |
    GPUTextureUsage.COPY_SRC |
    (external ? GPUTextureUsage.STORAGE_BINDING : GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT)
  );
}

/**
 * The WebGPU stage: each frame is imported with importExternalTexture (no CPU copy), run through
 * the compute pipeline, and drawn straight into the canvas texture by one present pass that also
 * letterboxes and draws the compare split. A lost device is replaced without a reload.
 */
export class WebGpuStage implements PictureStage {
  private resources: Resources;
  private source: GPUTexture | null = null;
  private upscaled: { texture: GPUTexture | null; key: string } = { texture: null, key: '' };
  private preset: { key: string; definitions: PassDefinition[] } = { key: 'off', definitions: [] };
  private compare: CompareSettings = { enabled: false, position: 0.5, referenceScaler: 'catmull-rom' };
  private scaler: ScalerKind = 'catmull-rom';
  private lost = false;
  private disposed = false;
  /** Frames submitted and not yet done: past two, new frames are skipped rather than queued. */
  private inFlight = 0;
  /**
   * importExternalTexture samples the decoder's frame in place. Software adapters (SwiftShader)
   * lose the device on it, so there the frame is copied on the GPU queue instead.
   */
  private readonly useExternalTextures: boolean;

  private constructor(
    private readonly canvas: HTMLCanvasElement,
    gpu: WebGpuDevice,
    private readonly listener: StageListener,
  ) {
    this.resources = WebGpuStage.createResources(canvas, gpu);
    this.useExternalTextures = !gpu.isFallbackAdapter;
    this.watchDevice(gpu.device);
  }

  static create(canvas: HTMLCanvasElement, gpu: WebGpuDevice, listener: StageListener): WebGpuStage {
    return new WebGpuStage(canvas, gpu, listener);
  }

  private static createResources(canvas: HTMLCanvasElement, gpu: WebGpuDevice): Resources {
    const context = canvas.getContext('webgpu');
    if (!context) throw new Error('This canvas cannot draw with WebGPU.');
    const { device } = gpu;
    const format = navigator.gpu.getPreferredCanvasFormat();
    context.configure({ device, format, usage: GPUTextureUsage.RENDER_ATTACHMENT, alphaMode: 'opaque' });
    const presentModule = device.createShaderModule({ label: 'Present', code: presentShader() });
    return {
      gpu,
      context,
      format,
      pipeline: new WebGpuPipeline(device, gpu.halfPrecision),
      timer: new TimestampTimer(device, gpu.timestamps),
      importPipeline: device.createComputePipeline({
        label: 'Import video frame',
        layout: 'auto',
        compute: { module: device.createShaderModule({ label: 'Import video frame', code: importShader }), entryPoint: 'main' },
      }),
      presentPipeline: device.createRenderPipeline({
        label: 'Present',
        layout: 'auto',
        vertex: { module: presentModule, entryPoint: 'vertexMain' },
        fragment: { module: presentModule, entryPoint: 'fragmentMain', targets: [{ format }] },
        primitive: { topology: 'triangle-list' },
      }),
      placement: device.createBuffer({ label: 'placement', size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
    };
  }

  get info(): StageInfo {
    const { gpu } = this.resources;
    return { backend: 'webgpu', renderer: gpu.adapterName, timing: gpu.timestamps ? 'gpu' : 'cpu' };
  }

  get isContextLost(): boolean {
    return this.lost;
  }

  setScaler(kind: ScalerKind): void {
    this.scaler = kind;
  }

  async setPreset(key: string, definitions: PassDefinition[]): Promise<PassFailure | null> {
    this.preset = { key, definitions };
    this.upscaled = { texture: null, key: '' };
    const failure = await this.resources.pipeline.setPasses(key, definitions);
    if (failure) this.preset = { key: 'off', definitions: [] };
    return failure;
  }

  setCompare(settings: CompareSettings): void {
    this.compare = settings;
  }

  setHighPrecisionSource(): void {
    // The imported frame always lands in a 16-bit float texture.
  }

  resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  render(frame: HTMLVideoElement | VideoFrame, width: number, height: number): boolean {
    if (this.lost || width <= 0 || height <= 0 || this.inFlight >= 2) return false;
    const { gpu, importPipeline, timer } = this.resources;
    const { device } = gpu;
    if (!this.source || this.source.width !== width || this.source.height !== height) {
      this.source?.destroy();
      this.source = device.createTexture({ label: 'frame', size: [width, height], format: 'rgba16float', usage: sourceUsage(this.useExternalTextures) });
    }
    const encoder = device.createCommandEncoder();
    timer.beginFrame();
    if (this.useExternalTextures) {
      // An external texture lives only for this task: import, copy and submit now.
      const external = device.importExternalTexture({ source: frame });
      const writes = timer.passWrites('Upload');
      const pass = encoder.beginComputePass(writes ? { timestampWrites: writes } : {});
      pass.setPipeline(importPipeline);
      pass.setBindGroup(
        0,
        device.createBindGroup({
          layout: importPipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: external },
            { binding: 1, resource: this.source.createView() },
          ],
        }),
      );
      pass.dispatchWorkgroups(Math.ceil(width / 8), Math.ceil(height / 8));
      pass.end();
    } else {
      device.queue.copyExternalImageToTexture({ source: frame }, { texture: this.source }, [width, height]);
    }
    this.upscaled = { texture: null, key: '' };
    this.encodePicture(encoder, this.resources.context.getCurrentTexture());
    timer.endFrame(encoder, (samples) => this.listener.onTimings(samples, 'gpu'));
    this.submit(encoder);
    return true;
  }

  /** Submits a frame and counts it until the GPU has finished it, so a slow GPU never builds a backlog. */
  private submit(encoder: GPUCommandEncoder): void {
    const { device } = this.resources.gpu;
    device.queue.submit([encoder.finish()]);
    this.inFlight++;
    void device.queue.onSubmittedWorkDone().finally(() => {
      this.inFlight = Math.max(0, this.inFlight - 1);
    });
  }

  redraw(): void {
    if (this.lost || !this.source || this.inFlight >= 2) return;
    const { gpu, context, timer } = this.resources;
    const encoder = gpu.device.createCommandEncoder();
    timer.beginFrame();
    this.encodePicture(encoder, context.getCurrentTexture());
    timer.endFrame(encoder, (samples) => this.listener.onTimings(samples, 'gpu'));
    this.submit(encoder);
  }

  async capture(): Promise<CapturedFrame | null> {
    if (this.lost || !this.source) return null;
    const { device } = this.resources.gpu;
    const width = this.canvas.width;
    const height = this.canvas.height;
    const format = this.resources.format;
    const target = device.createTexture({ size: [width, height], format, usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    const buffer = device.createBuffer({ size: bytesPerRow * height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    const encoder = device.createCommandEncoder();
    this.encodePicture(encoder, target);
    encoder.copyTextureToBuffer({ texture: target }, { buffer, bytesPerRow }, [width, height]);
    device.queue.submit([encoder.finish()]);
    await buffer.mapAsync(GPUMapMode.READ);
    const rows = new Uint8Array(buffer.getMappedRange());
    const pixels = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) pixels.set(rows.subarray(y * bytesPerRow, y * bytesPerRow + width * 4), y * width * 4);
    if (format === 'bgra8unorm') {
      for (let index = 0; index < pixels.length; index += 4) {
        const blue = pixels[index] ?? 0;
        pixels[index] = pixels[index + 2] ?? 0;
        pixels[index + 2] = blue;
      }
    }
    buffer.unmap();
    buffer.destroy();
    target.destroy();
    return { width, height, pixels };
  }

  currentPlan(): Plan | null {
    if (!this.resources.pipeline.isActive || !this.source) return null;
    return this.resources.pipeline.plan(this.source, fitRect(this.source.width, this.source.height, this.canvas.width, this.canvas.height));
  }

  pictureRect(): PixelRect {
    if (!this.source) return { x: 0, y: 0, width: 0, height: 0 };
    return fitRect(this.source.width, this.source.height, this.canvas.width, this.canvas.height);
  }

  simulateContextLoss(): boolean {
    // Destroying the device outside dispose() is handled like a driver reset.
    this.resources.gpu.device.destroy();
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.source?.destroy();
    this.resources.pipeline.dispose();
    this.resources.timer.dispose();
    this.resources.placement.destroy();
    this.resources.context.unconfigure();
    this.resources.gpu.device.destroy();
  }

  /** Runs the preset (once per frame and picture size) and the present pass into `target`. */
  private encodePicture(encoder: GPUCommandEncoder, target: GPUTexture): void {
    const source = this.source;
    if (!source) return;
    const { gpu, pipeline, timer, presentPipeline, placement } = this.resources;
    const rect = fitRect(source.width, source.height, this.canvas.width, this.canvas.height);
    const key = `${rect.width}x${rect.height}`;
    if (this.upscaled.key !== key) {
      this.upscaled = { texture: pipeline.run(encoder, source, rect, timer), key };
    }
    const picture = this.upscaled.texture ?? source;
    const divider = this.compare.enabled ? Math.round(rect.x + Math.min(1, Math.max(0, this.compare.position)) * rect.width) : -1;
    gpu.device.queue.writeBuffer(
      placement,
      0,
      new Int32Array([rect.x, rect.y, rect.width, rect.height, divider, scalerIndex[this.scaler], scalerIndex[this.compare.referenceScaler], 0]),
    );
    const writes = timer.passWrites('Scale to window');
    const pass = encoder.beginRenderPass({
      colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }],
      ...(writes ? { timestampWrites: writes } : {}),
    });
    pass.setPipeline(presentPipeline);
    pass.setBindGroup(
      0,
      gpu.device.createBindGroup({
        layout: presentPipeline.getBindGroupLayout(0),
        entries: [
          { binding: 1, resource: picture.createView() },
          { binding: 2, resource: source.createView() },
          { binding: 3, resource: { buffer: placement } },
        ],
      }),
    );
    pass.draw(3);
    pass.end();
  }

  private watchDevice(device: GPUDevice): void {
    void device.lost.then(async (information) => {
      if (this.disposed || device !== this.resources.gpu.device) return;
      this.lost = true;
      this.source = null;
      this.upscaled = { texture: null, key: '' };
      this.listener.onContextLost();
      const gpu = await requestWebGpuDevice({ allowHalfPrecision: this.resources.gpu.halfPrecision }).catch(() => null);
      if (!gpu || this.disposed) {
        this.listener.onContextUnrecoverable?.(`WebGPU device lost (${information.reason}): ${information.message}`);
        return;
      }
      this.resources.context.unconfigure();
      this.resources = WebGpuStage.createResources(this.canvas, gpu);
      this.watchDevice(gpu.device);
      await this.resources.pipeline.setPasses(this.preset.key, this.preset.definitions);
      this.lost = false;
      this.listener.onContextRestored();
    });
  }
}
