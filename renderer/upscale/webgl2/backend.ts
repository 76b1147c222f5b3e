import type { WebGL2Capabilities } from '../../gpu/webgl2/context';
import { createWebGL2Context, intermediateFormat, readCapabilities } from '../../gpu/webgl2/context';
import type { Texture, TextureFormat } from '../../gpu/webgl2/texture';
import { createTexture, deleteTarget } from '../../gpu/webgl2/texture';
import { PassTimer } from '../../gpu/webgl2/timer';
import type { FrameKind } from '../../gpu/timing';
import { CpuFrameClock } from '../../gpu/timing';
import type { BackendEvents, Lane, PresentLayout, RepeatVerdict, StageBackend } from '../backend';
import { compareLabel } from '../backend';
import { toFramebuffer } from '../geometry';
import type { PassDefinition } from '../model';
import type { Plan } from '../planner';
import { loadTranslator } from '../userShaders/naga';
import type { CapturedFrame, FrameSource, PassFailure, StageInfo } from '../stage';
import { WebGL2Pipeline } from './pipeline';
import { WebGL2RepeatDetector } from './repeats';
import { Resampler } from './resampler';

interface Resources {
  resampler: Resampler;
  referenceResampler: Resampler;
  pipeline: WebGL2Pipeline;
  /** The compare split's other side, when it runs a preset of its own. */
  comparePipeline: WebGL2Pipeline;
  repeats: WebGL2RepeatDetector;
}

/**
 * WebGL2 for the picture stage: texture upload of each decoded frame, fragment passes, and the
 * final scaler into the canvas (letterboxed, with the compare split), cleared to black around
 * the picture. A fence per frame tells when the GPU is done with it.
 */
export class WebGL2Backend implements StageBackend<Texture> {
  private readonly gl: WebGL2RenderingContext;
  private capabilities: WebGL2Capabilities;
  private timer: PassTimer;
  private readonly clock = new CpuFrameClock();
  private resources: Resources | null;
  private source: Texture | null = null;
  private sourcePrecision: TextureFormat = 'rgba8';
  private kind: FrameKind = 'fresh';
  private isLost = false;
  /** Fence of the last submitted frame; while the GPU is still on it, new frames are skipped. */
  private pendingFence: WebGLSync | null = null;
  private polling = 0;
  private collecting = 0;
  private readonly detach: () => void;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly events: BackendEvents,
  ) {
    const created = createWebGL2Context(canvas, { onLost: () => this.handleLost(), onRestored: () => this.handleRestored() });
    if (!created) throw new Error('WebGL2 is not available on this computer.');
    this.gl = created.gl;
    this.detach = created.detach;
    this.capabilities = readCapabilities(this.gl);
    this.timer = new PassTimer(this.gl);
    this.resources = this.createResources();
  }

  get info(): StageInfo {
    return { backend: 'webgl2', renderer: this.capabilities.renderer, timing: this.timer.source };
  }

  get lost(): boolean {
    return this.isLost;
  }

  busy(): boolean {
    const { gl, pendingFence } = this;
    if (!pendingFence) return false;
    if (gl.clientWaitSync(pendingFence, 0, 0) === gl.TIMEOUT_EXPIRED) return true;
    this.frameDone();
    return false;
  }

  /** 16-bit float upload keeps 10-bit video's extra precision; 8-bit is cheaper. */
  setHighPrecisionSource(enabled: boolean): void {
    const precision: TextureFormat = enabled ? 'rgba16f' : 'rgba8';
    if (precision === this.sourcePrecision) return;
    this.sourcePrecision = precision;
    deleteTarget(this.gl, this.source);
    this.source = null;
  }

  async compile(definitions: PassDefinition[], lane: Lane): Promise<PassFailure | null> {
    const pipeline = this.pipelineOf(lane);
    const failure = pipeline?.compile(definitions) ?? null;
    // A file written for desktop GLSL: naga, loaded only now, may write it as GLSL ES.
    if (!pipeline || !failure || !definitions.some(({ program }) => program.kind === 'user' && !program.compute)) return failure;
    await loadTranslator();
    return this.pipelineOf(lane) === pipeline ? pipeline.compile(definitions, true) : failure;
  }

  beginFrame(kind: FrameKind): void {
    this.kind = kind;
    this.timer.beginFrame(kind);
  }

  upload(frame: FrameSource, width: number, height: number): Texture {
    const { gl } = this;
    if (!this.source || this.source.width !== width || this.source.height !== height) {
      deleteTarget(gl, this.source);
      this.source = createTexture(gl, width, height, this.sourcePrecision);
    }
    const source = this.source;
    this.timer.measure('Upload', () => {
      gl.bindTexture(gl.TEXTURE_2D, source.texture);
      gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, this.sourcePrecision === 'rgba16f' ? gl.HALF_FLOAT : gl.UNSIGNED_BYTE, frame);
    });
    return source;
  }

  checkRepeat(source: Texture, force: boolean): RepeatVerdict {
    const repeats = this.resources?.repeats;
    if (!repeats) return 'changed';
    const same = this.timer.measure('Repeated drawing check', () => repeats.check(source, force));
    if (same) {
      this.kind = 'reused';
      this.timer.relabel('reused');
    }
    this.events.onRepeat(same);
    return same ? 'same' : 'changed';
  }

  run(plan: Plan, source: Texture, lane: Lane, frame: number): Texture | null {
    return this.pipelineOf(lane)?.run(plan, source, this.timer, frame) ?? null;
  }

  present(picture: Texture, source: Texture, layout: PresentLayout): void {
    const resources = this.resources;
    if (!resources) return;
    const { gl, canvas } = this;
    const rect = toFramebuffer(layout.rect, canvas.height);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.disable(gl.SCISSOR_TEST);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (layout.divider === null) {
      this.timer.measure('Scale to window', () => resources.resampler.draw(picture, { framebuffer: null, rect, flip: true, shift: layout.pictureShift }, layout.scaler));
      return;
    }
    const divider = layout.divider;
    this.timer.measure('Compare: reference side', () =>
      resources.referenceResampler.draw(source, { framebuffer: null, rect, flip: true, scissor: { x: 0, y: 0, width: divider, height: canvas.height }, shift: layout.referenceShift }, layout.referenceScaler),
    );
    this.timer.measure('Scale to window', () =>
      resources.resampler.draw(picture, { framebuffer: null, rect, flip: true, scissor: { x: divider, y: 0, width: canvas.width - divider, height: canvas.height }, shift: layout.pictureShift }, layout.scaler),
    );
  }

  endFrame(): void {
    this.deliverTimings();
    if (this.pendingFence) this.gl.deleteSync(this.pendingFence);
    this.pendingFence = this.gl.fenceSync(this.gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    this.gl.flush();
    if (this.timer.source === 'cpu') {
      this.clock.submit(this.kind);
      this.pollFence();
    } else {
      this.collectTimings();
    }
  }

  /** Draws and reads the canvas back in the same task, before the compositor takes the buffer. */
  readBack(picture: Texture, source: Texture, layout: PresentLayout): Promise<CapturedFrame | null> {
    this.present(picture, source, layout);
    const { gl } = this;
    const width = gl.drawingBufferWidth;
    const height = gl.drawingBufferHeight;
    const bottomUp = new Uint8Array(width * height * 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, bottomUp);
    const pixels = new Uint8Array(bottomUp.length);
    const row = width * 4;
    for (let y = 0; y < height; y++) pixels.set(bottomUp.subarray((height - 1 - y) * row, (height - y) * row), y * row);
    this.deliverTimings();
    return Promise.resolve({ width, height, pixels });
  }

  loseForTesting(): boolean {
    const extension = this.gl.getExtension('WEBGL_lose_context');
    if (!extension) return false;
    extension.loseContext();
    setTimeout(() => extension.restoreContext(), 50);
    return true;
  }

  dispose(): void {
    window.clearTimeout(this.polling);
    window.clearTimeout(this.collecting);
    if (!this.isLost && this.resources) {
      this.resources.resampler.dispose();
      this.resources.referenceResampler.dispose();
      this.resources.pipeline.dispose();
      this.resources.comparePipeline.dispose();
      this.resources.repeats.dispose();
      deleteTarget(this.gl, this.source);
    }
    this.resources = null;
    this.source = null;
    this.timer.dispose();
    this.detach();
  }

  /** Without GPU timers, the fence is watched (about every millisecond) so the CPU clock knows when the frame ended. */
  private pollFence(): void {
    window.clearTimeout(this.polling);
    const check = () => {
      if (this.busy()) this.polling = window.setTimeout(check, 1);
    };
    this.polling = window.setTimeout(check, 0);
  }

  /**
   * The GPU's times arrive a frame or more late; without a next frame (paused, or a frame that
   * takes seconds on a weak GPU) they would wait for it, and the readout and the governor with
   * them. They are collected as soon as the GPU has them.
   */
  private collectTimings(): void {
    window.clearTimeout(this.collecting);
    if (!this.timer.hasPending) return;
    this.collecting = window.setTimeout(() => {
      if (this.isLost || !this.resources) return;
      this.deliverTimings();
      this.collectTimings();
    }, 16);
  }

  private deliverTimings(): void {
    for (const { samples, kind } of this.timer.endFrame()) this.events.onTimings(samples, 'gpu', kind);
  }

  private frameDone(): void {
    if (this.pendingFence) this.gl.deleteSync(this.pendingFence);
    this.pendingFence = null;
    const finished = this.clock.finish();
    if (finished) this.events.onTimings(finished.samples, 'cpu', finished.kind);
  }

  private pipelineOf(lane: Lane): WebGL2Pipeline | undefined {
    return lane === 'compare' ? this.resources?.comparePipeline : this.resources?.pipeline;
  }

  private createResources(): Resources {
    const format = intermediateFormat(this.capabilities);
    return {
      resampler: new Resampler(this.gl, format),
      referenceResampler: new Resampler(this.gl, format),
      pipeline: new WebGL2Pipeline(this.gl, format),
      comparePipeline: new WebGL2Pipeline(this.gl, format, compareLabel),
      repeats: new WebGL2RepeatDetector(this.gl),
    };
  }

  private handleLost(): void {
    this.isLost = true;
    // Objects of a lost context are already gone; only drop our references.
    window.clearTimeout(this.polling);
    this.pendingFence = null;
    this.clock.reset();
    this.resources?.pipeline.forgetResources();
    this.resources?.comparePipeline.forgetResources();
    this.resources = null;
    this.source = null;
    this.events.onLost();
  }

  private handleRestored(): void {
    this.isLost = false;
    this.capabilities = readCapabilities(this.gl);
    this.timer = new PassTimer(this.gl);
    this.resources = this.createResources();
    this.events.onRestored();
  }
}
