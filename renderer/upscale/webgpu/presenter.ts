import type { PresentLayout } from '../backend';
import { scalerIndex } from '../scalers';
import { presentShader } from './presentShaders';

/**
 * Draws the picture into the canvas texture: letterboxed, through the viewer's scaler, with the
 * compare split. It writes the canvas from a compute pass where the device allows a storage
 * canvas — on GPUs with few graphics units (an H200 draws a 4K canvas in 4–12 ms with fragments)
 * compute is far faster, elsewhere it is the same — and with a render pass otherwise.
 */
export class CanvasPresenter {
  readonly format: GPUTextureFormat;
  /** Whether the canvas texture may be a storage texture: the compute present is tried. */
  private readonly storageCanvas: boolean;
  private readonly module: GPUShaderModule;
  private readonly placement: GPUBuffer;
  private renderPipeline: GPURenderPipeline | null = null;
  /** The present as a compute pass, once the device has accepted it. */
  private computePipeline: GPUComputePipeline | null = null;
  private disposed = false;

  constructor(
    private readonly device: GPUDevice,
    readonly context: GPUCanvasContext,
  ) {
    this.format = navigator.gpu.getPreferredCanvasFormat();
    this.storageCanvas = this.format === 'rgba8unorm' || device.features.has('bgra8unorm-storage');
    context.configure({ device, format: this.format, usage: GPUTextureUsage.RENDER_ATTACHMENT | (this.storageCanvas ? GPUTextureUsage.STORAGE_BINDING : 0), alphaMode: 'opaque' });
    // bgra8unorm storage compiles only with its feature; the render pass never touches that binding.
    this.module = device.createShaderModule({ label: 'Present', code: presentShader(this.storageCanvas ? this.format : 'rgba8unorm') });
    this.placement = device.createBuffer({ label: 'placement', size: 48, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  get ready(): boolean {
    return this.renderPipeline !== null;
  }

  /** Usage a texture needs to be drawn into as the canvas is (read-backs draw into their own). */
  get targetUsage(): number {
    return GPUTextureUsage.RENDER_ATTACHMENT | (this.computePipeline ? GPUTextureUsage.STORAGE_BINDING : 0);
  }

  /**
   * Compiles in the background (made synchronously, pipelines compile on the browser's GPU thread,
   * the one that also composites the page), then tries the compute present: the render pass draws
   * where the device does not accept a storage canvas. Rejects when not even that compiles.
   */
  async prepare(): Promise<void> {
    const { device, module } = this;
    const [renderPipeline] = await Promise.all([
      device.createRenderPipelineAsync({
        label: 'Present',
        layout: 'auto',
        vertex: { module, entryPoint: 'vertexMain' },
        fragment: { module, entryPoint: 'fragmentMain', targets: [{ format: this.format }] },
        primitive: { topology: 'triangle-list' },
      }),
      this.tryComputePresent(),
    ]);
    this.renderPipeline = renderPipeline;
  }

  private async tryComputePresent(): Promise<void> {
    if (!this.storageCanvas) return;
    const { device } = this;
    device.pushErrorScope('validation');
    const pipeline = await device
      .createComputePipelineAsync({ label: 'Present (compute)', layout: 'auto', compute: { module: this.module, entryPoint: 'computeMain' } })
      .catch((error: unknown) => new Error(error instanceof Error ? error.message : String(error)));
    const probe = this.context.getCurrentTexture();
    const error = (await device.popErrorScope()) ?? (pipeline instanceof Error ? pipeline : null);
    if (this.disposed) return;
    if (error || pipeline instanceof Error || !(probe.usage & GPUTextureUsage.STORAGE_BINDING)) {
      console.warn(`The picture is drawn with a render pass: ${error?.message ?? 'the canvas is no storage texture'}`);
      this.context.configure({ device, format: this.format, usage: GPUTextureUsage.RENDER_ATTACHMENT, alphaMode: 'opaque' });
      return;
    }
    this.computePipeline = pipeline;
  }

  /** Encodes the present of `picture` (and `reference` left of the divider) into `target`. */
  encode(encoder: GPUCommandEncoder, target: GPUTexture, picture: GPUTexture, reference: GPUTexture, layout: PresentLayout, writes?: GPUComputePassTimestampWrites): void {
    const { device, placement } = this;
    // Nothing is uploaded before the stage is ready, so nothing is drawn without the pipelines.
    if (!this.renderPipeline) return;
    const { rect } = layout;
    // Placement in present.wgsl: eight integers, then the two pictures' shifts as floats.
    const values = new ArrayBuffer(48);
    new Int32Array(values, 0, 8).set([rect.x, rect.y, rect.width, rect.height, layout.divider ?? -1, scalerIndex[layout.scaler], scalerIndex[layout.referenceScaler], 0]);
    new Float32Array(values, 32, 4).set([layout.pictureShift.x, layout.pictureShift.y, layout.referenceShift.x, layout.referenceShift.y]);
    device.queue.writeBuffer(placement, 0, values);
    const images: GPUBindGroupEntry[] = [
      { binding: 1, resource: picture.createView() },
      { binding: 2, resource: reference.createView() },
      { binding: 3, resource: { buffer: placement } },
    ];
    const compute = this.computePipeline;
    if (compute) {
      const pass = encoder.beginComputePass(writes ? { timestampWrites: writes } : {});
      pass.setPipeline(compute);
      pass.setBindGroup(0, device.createBindGroup({ layout: compute.getBindGroupLayout(0), entries: [{ binding: 0, resource: target.createView() }, ...images] }));
      pass.dispatchWorkgroups(Math.ceil(target.width / 8), Math.ceil(target.height / 8));
      pass.end();
      return;
    }
    const pass = encoder.beginRenderPass({
      colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }],
      ...(writes ? { timestampWrites: writes } : {}),
    });
    pass.setPipeline(this.renderPipeline);
    pass.setBindGroup(0, device.createBindGroup({ layout: this.renderPipeline.getBindGroupLayout(0), entries: images }));
    pass.draw(3);
    pass.end();
  }

  dispose(): void {
    this.disposed = true;
    this.placement.destroy();
    this.context.unconfigure();
  }
}
