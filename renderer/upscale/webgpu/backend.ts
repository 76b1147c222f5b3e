import type { FrameKind } from '../../gpu/timing';
import { CpuFrameClock } from '../../gpu/timing';
import type { WebGpuDevice } from '../../gpu/webgpu/device';
import { requestWebGpuDevice } from '../../gpu/webgpu/device';
import { TimestampTimer } from '../../gpu/webgpu/timer';
import type { BackendEvents, Lane, PresentLayout, RepeatVerdict, StageBackend } from '../backend';
import { compareLabel } from '../backend';
import type { PassDefinition } from '../model';
import type { Plan } from '../planner';
import type { CapturedFrame, FrameSource, PassFailure, StageInfo } from '../stage';
import { WebGpuPipeline } from './pipeline';
import { WebGpuRepeatDetector } from './repeats';
import { defaultConvLayout } from './wgsl';
import { importShader } from './presentShaders';
import { CanvasPresenter } from './presenter';

interface Resources {
  gpu: WebGpuDevice;
  presenter: CanvasPresenter;
  pipeline: WebGpuPipeline;
  /** The compare split's other side, when it runs a preset of its own. */
  comparePipeline: WebGpuPipeline;
  timer: TimestampTimer;
  /** Compiled in the background (see prepare); null until then. */
  importPipeline: GPUComputePipeline | null;
  repeats: WebGpuRepeatDetector;
}

interface HeldPresent {
  picture: GPUTexture;
  source: GPUTexture;
  layout: PresentLayout;
}

interface WaitingFrame extends HeldPresent {
  /** The device it was encoded on: a replaced device finishes nothing of it. */
  resources: Resources;
  kind: FrameKind;
  verdict: Promise<boolean | null>;
  canvasSize: string;
}

/**
 * The frame texture is written by the import pass (storage) or by the queue's copy (attachment):
 * a canvas or an image bitmap is copied in even where videos are imported as external textures.
 */
function sourceUsage(external: boolean): number {
  return (
    GPUTextureUsage.TEXTURE_BINDING |
    GPUTextureUsage.COPY_SRC |
    GPUTextureUsage.COPY_DST |
    GPUTextureUsage.RENDER_ATTACHMENT |
    (external ? GPUTextureUsage.STORAGE_BINDING : 0)
  );
}

/**
 * WebGPU for the picture stage: each frame is imported with importExternalTexture (no CPU copy),
 * run through compute passes, and drawn straight into the canvas texture by one present pass that
 * also letterboxes and draws the compare split. A lost device is replaced without a reload.
 */
export class WebGpuBackend implements StageBackend<GPUTexture> {
  private resources: Resources;
  private source: GPUTexture | null = null;
  private encoder: GPUCommandEncoder | null = null;
  private kind: FrameKind = 'fresh';
  /** This frame's repeat verdict, once the GPU has it (true: the drawing repeated); null when not checked. */
  private verdict: Promise<boolean | null> | null = null;
  /** This frame's present, held until the verdict says whether the canvas needs it. */
  private heldPresent: HeldPresent | null = null;
  /** A submitted frame whose present waits for its verdict. */
  private waiting: WaitingFrame | null = null;
  private readonly clock = new CpuFrameClock();
  private isLost = false;
  private disposed = false;
  /** Frames submitted and not yet done: past two, new frames are skipped rather than queued. */
  private inFlight = 0;
  /**
   * importExternalTexture samples the decoder's frame in place. Software adapters (SwiftShader)
   * lose the device on it, so there the frame is copied on the GPU queue instead.
   */
  private readonly useExternalTextures: boolean;
  /** Settles once the first pipelines are compiled (or could not be): the stage then takes frames. */
  readonly prepared: Promise<void>;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    gpu: WebGpuDevice,
    private readonly events: BackendEvents,
  ) {
    this.resources = WebGpuBackend.createResources(canvas, gpu);
    this.useExternalTextures = !gpu.isFallbackAdapter;
    this.watchDevice(gpu.device);
    this.prepared = this.prepare(this.resources);
  }

  /**
   * Compiles the import and present pipelines off the browser's GPU thread: made synchronously,
   * they compile on the thread that also composites the page, and a player starting up dropped
   * video frames meanwhile. The stage takes frames once they are ready (busy() until then).
   */
  private async prepare(resources: Resources): Promise<void> {
    const { device } = resources.gpu;
    try {
      const [importPipeline] = await Promise.all([
        device.createComputePipelineAsync({
          label: 'Import video frame',
          layout: 'auto',
          compute: { module: device.createShaderModule({ label: 'Import video frame', code: importShader }), entryPoint: 'main' },
        }),
        resources.presenter.prepare(),
      ]);
      resources.importPipeline = importPipeline;
    } catch (error) {
      if (resources !== this.resources || this.disposed || this.isLost) return;
      this.events.onUnrecoverable(`The WebGPU picture stage could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private static createResources(canvas: HTMLCanvasElement, gpu: WebGpuDevice): Resources {
    const context = canvas.getContext('webgpu');
    if (!context) throw new Error('This canvas cannot draw with WebGPU.');
    const { device } = gpu;
    return {
      gpu,
      presenter: new CanvasPresenter(device, context),
      pipeline: new WebGpuPipeline(device, gpu),
      comparePipeline: new WebGpuPipeline(device, gpu, defaultConvLayout, compareLabel),
      timer: new TimestampTimer(device, gpu.timestamps),
      importPipeline: null,
      repeats: new WebGpuRepeatDetector(device),
    };
  }

  get info(): StageInfo {
    const { gpu } = this.resources;
    return { backend: 'webgpu', renderer: gpu.adapterName, timing: gpu.timestamps ? 'gpu' : 'cpu' };
  }

  get lost(): boolean {
    return this.isLost;
  }

  busy(): boolean {
    const { importPipeline, presenter } = this.resources;
    return this.inFlight >= 2 || !importPipeline || !presenter.ready;
  }

  setHighPrecisionSource(): void {
    // The imported frame always lands in a 16-bit float texture.
  }

  compile(definitions: PassDefinition[], lane: Lane): Promise<PassFailure | null> {
    return this.pipelineOf(lane).compile(definitions);
  }

  beginFrame(kind: FrameKind): void {
    // A frame still waiting for its verdict is finished first, canvas written: the timer and the
    // source texture are about to serve the new one.
    this.finishWaiting(false);
    this.kind = kind;
    this.verdict = null;
    this.encoder = this.resources.gpu.device.createCommandEncoder();
    this.resources.timer.beginFrame();
  }

  upload(frame: FrameSource, width: number, height: number): GPUTexture {
    const { gpu, importPipeline, timer } = this.resources;
    // The stage uploads only when busy() says the pipelines are ready.
    if (!importPipeline) throw new Error('The WebGPU picture stage took a frame before it was ready.');
    const { device } = gpu;
    if (!this.source || this.source.width !== width || this.source.height !== height) {
      this.source?.destroy();
      this.source = device.createTexture({ label: 'frame', size: [width, height], format: 'rgba16float', usage: sourceUsage(this.useExternalTextures) });
    }
    const encoder = this.currentEncoder();
    if (this.useExternalTextures && (frame instanceof HTMLVideoElement || frame instanceof VideoFrame)) {
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
    return this.source;
  }

  checkRepeat(source: GPUTexture, force: boolean): RepeatVerdict {
    const { repeats, timer } = this.resources;
    // Until the check has compiled, frames are computed; the first check after it starts afresh.
    if (!repeats.ready) return 'changed';
    this.verdict = repeats.encode(this.currentEncoder(), source, force, timer.passWrites('Repeated drawing check'));
    return 'gated';
  }

  run(plan: Plan, source: GPUTexture, lane: Lane, frame: number): GPUTexture | null {
    return this.pipelineOf(lane).run(this.currentEncoder(), plan, source, this.resources.timer, this.verdict ? this.resources.repeats : null, frame);
  }

  present(picture: GPUTexture, source: GPUTexture, layout: PresentLayout, whenChanged = false): void {
    if (whenChanged && this.verdict) {
      this.heldPresent = { picture, source, layout };
      return;
    }
    this.encodePresent(this.currentEncoder(), this.resources.presenter.context.getCurrentTexture(), picture, source, layout);
  }

  endFrame(): void {
    const encoder = this.currentEncoder();
    this.encoder = null;
    const verdict = this.verdict;
    this.verdict = null;
    const held = this.heldPresent;
    this.heldPresent = null;
    if (!held || !verdict) {
      this.finishFrame(encoder, this.kind, verdict, false);
      return;
    }
    // The frame's work goes now; the canvas waits for the verdict. A canvas left alone keeps
    // showing its last picture, so a repeated drawing costs the check and nothing more.
    this.resources.gpu.device.queue.submit([encoder.finish()]);
    this.inFlight++;
    // The CPU clock (no timestamp queries) times the frame from here, the network included.
    if (!this.resources.timer.enabled) this.clock.submit(this.kind);
    const waiting: WaitingFrame = { ...held, resources: this.resources, kind: this.kind, verdict, canvasSize: `${this.canvas.width}x${this.canvas.height}` };
    this.waiting = waiting;
    void verdict.then((reused) => {
      if (this.waiting === waiting) this.finishWaiting(reused === true);
    });
  }

  /** Ends the waiting frame: writes the canvas unless the drawing repeated on an untouched canvas. */
  private finishWaiting(reused: boolean): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = null;
    if (this.isLost || this.disposed || waiting.resources !== this.resources) {
      this.inFlight = Math.max(0, this.inFlight - 1);
      return;
    }
    const encoder = this.resources.gpu.device.createCommandEncoder();
    // A resized canvas was cleared: it needs the picture whatever the verdict.
    if (!reused || waiting.canvasSize !== `${this.canvas.width}x${this.canvas.height}`) {
      this.encodePresent(encoder, this.resources.presenter.context.getCurrentTexture(), waiting.picture, waiting.source, waiting.layout);
    }
    this.finishFrame(encoder, waiting.kind, waiting.verdict, true);
  }

  /** Submits the frame's last commands with its timing; `counted`: its first part is already in flight. */
  private finishFrame(encoder: GPUCommandEncoder, kind: FrameKind, verdict: Promise<boolean | null> | null, counted: boolean): void {
    const { timer, gpu } = this.resources;
    // A gated frame's kind is known once the GPU's verdict is read back.
    const kindOf = async (known: FrameKind): Promise<FrameKind> => ((await verdict) === true ? 'reused' : known);
    timer.endFrame(encoder, (samples) => void kindOf(kind).then((known) => this.events.onTimings(samples, 'gpu', known)));
    gpu.device.queue.submit([encoder.finish()]);
    if (!counted) {
      this.inFlight++;
      if (!timer.enabled) this.clock.submit(kind);
    }
    void verdict?.then((reused) => {
      if (reused !== null) this.events.onRepeat(reused);
    });
    void gpu.device.queue.onSubmittedWorkDone().finally(() => {
      this.inFlight = Math.max(0, this.inFlight - 1);
      // Without timestamp queries, the CPU clock times the frame until the GPU reports it done.
      const finished = timer.enabled ? null : this.clock.finish();
      if (finished) void kindOf(finished.kind).then((known) => this.events.onTimings(finished.samples, 'cpu', known));
    });
  }

  async readBack(picture: GPUTexture, source: GPUTexture, layout: PresentLayout): Promise<CapturedFrame | null> {
    const { device } = this.resources.gpu;
    const { width, height } = this.canvas;
    const { format, targetUsage } = this.resources.presenter;
    const target = device.createTexture({ size: [width, height], format, usage: targetUsage | GPUTextureUsage.COPY_SRC });
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    const buffer = device.createBuffer({ size: bytesPerRow * height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    const encoder = this.currentEncoder();
    this.encoder = null;
    this.encodePresent(encoder, target, picture, source, layout);
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

  loseForTesting(): boolean {
    // Destroying the device outside dispose() is handled like a driver reset.
    this.resources.gpu.device.destroy();
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.source?.destroy();
    this.resources.pipeline.dispose();
    this.resources.comparePipeline.dispose();
    this.resources.timer.dispose();
    this.resources.repeats.dispose();
    this.resources.presenter.dispose();
    this.resources.gpu.device.destroy();
  }

  private pipelineOf(lane: Lane): WebGpuPipeline {
    return lane === 'compare' ? this.resources.comparePipeline : this.resources.pipeline;
  }

  private currentEncoder(): GPUCommandEncoder {
    this.encoder ??= this.resources.gpu.device.createCommandEncoder();
    return this.encoder;
  }

  private encodePresent(encoder: GPUCommandEncoder, target: GPUTexture, picture: GPUTexture, source: GPUTexture, layout: PresentLayout): void {
    this.resources.presenter.encode(encoder, target, picture, source, layout, this.resources.timer.passWrites('Scale to window'));
  }

  private watchDevice(device: GPUDevice): void {
    void device.lost.then(async (information) => {
      if (this.disposed || device !== this.resources.gpu.device) return;
      this.isLost = true;
      this.source = null;
      this.encoder = null;
      this.inFlight = 0;
      this.clock.reset();
      this.events.onLost();
      const gpu = await requestWebGpuDevice({ allowHalfPrecision: this.resources.gpu.halfPrecision }).catch(() => null);
      if (!gpu || this.disposed) {
        this.events.onUnrecoverable(`WebGPU device lost (${information.reason}): ${information.message}`);
        return;
      }
      this.resources.presenter.dispose();
      this.resources = WebGpuBackend.createResources(this.canvas, gpu);
      this.watchDevice(gpu.device);
      void this.prepare(this.resources);
      this.isLost = false;
      this.events.onRestored();
    });
  }
}
