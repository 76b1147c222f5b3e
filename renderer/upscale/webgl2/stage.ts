import type { WebGL2Capabilities } from '../../gpu/webgl2/context';
import { createWebGL2Context, intermediateFormat, readCapabilities } from '../../gpu/webgl2/context';
import type { Texture, TextureFormat } from '../../gpu/webgl2/texture';
import { createTexture, deleteTarget } from '../../gpu/webgl2/texture';
import { PassTimer } from '../../gpu/webgl2/timer';
import type { PixelRect } from '../geometry';
import { fitRect } from '../geometry';
import type { PassDefinition } from '../model';
import type { Plan } from '../planner';
import type { ScalerKind } from '../scalers';
import type { CapturedFrame, CompareSettings, PassFailure, PictureStage, StageInfo, StageListener } from '../stage';
import { WebGL2Pipeline } from './pipeline';
import { Resampler } from './resampler';

type FrameSource = TexImageSource;

/**
 * The WebGL2 stage: upload of each decoded frame, the upscaling pipeline, then the final scaler
 * into the canvas at device pixels, letterboxed, with the compare split when it is on. The
 * canvas is cleared to black outside the picture.
 */
export class WebGL2Stage implements PictureStage {
  private gl: WebGL2RenderingContext;
  private capabilities: WebGL2Capabilities;
  private resampler: Resampler | null = null;
  private referenceResampler: Resampler | null = null;
  private pipeline: WebGL2Pipeline | null = null;
  private preset: { key: string; definitions: PassDefinition[] } = { key: 'off', definitions: [] };
  private compare: CompareSettings = { enabled: false, position: 0.5, referenceScaler: 'catmull-rom' };
  /** The pipeline's output for the current frame and picture size; reused by redraws. */
  private upscaled: { texture: Texture | null; key: string } = { texture: null, key: '' };
  private timer: PassTimer;
  private source: Texture | null = null;
  private sourcePrecision: TextureFormat = 'rgba8';
  private scaler: ScalerKind = 'catmull-rom';
  private lost = false;
  private hasFrame = false;
  /** Fence of the last submitted frame; while the GPU is still on it, new frames are skipped. */
  private pendingFence: WebGLSync | null = null;
  private readonly detach: () => void;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly listener: StageListener,
  ) {
    const created = createWebGL2Context(canvas, {
      onLost: () => this.handleLost(),
      onRestored: () => this.handleRestored(),
    });
    if (!created) throw new Error('WebGL2 is not available on this computer.');
    this.gl = created.gl;
    this.detach = created.detach;
    this.capabilities = readCapabilities(this.gl);
    this.timer = new PassTimer(this.gl);
    this.createResources();
  }

  get info(): StageInfo {
    return { backend: 'webgl2', renderer: this.capabilities.renderer, timing: this.timer.source };
  }

  get capabilitiesOfContext(): WebGL2Capabilities {
    return this.capabilities;
  }

  get isContextLost(): boolean {
    return this.lost;
  }


  setScaler(kind: ScalerKind): void {
    this.scaler = kind;
  }

  /** Compiles a preset's passes; on failure the stage keeps showing the reference scaler. */
  setPreset(key: string, definitions: PassDefinition[]): Promise<PassFailure | null> {
    this.preset = { key, definitions };
    this.upscaled = { texture: null, key: '' };
    if (!this.pipeline) return Promise.resolve(null);
    const failure = this.pipeline.setPasses(key, definitions);
    if (failure) this.preset = { key: 'off', definitions: [] };
    return Promise.resolve(failure);
  }

  setCompare(settings: CompareSettings): void {
    this.compare = settings;
  }

  /** The plan behind the last frame, for the readout (sizes, passes, work per frame). */
  currentPlan(): Plan | null {
    if (!this.pipeline?.isActive || !this.source) return null;
    const rect = fitRect(this.source.width, this.source.height, this.canvas.width, this.canvas.height);
    return this.pipeline.plan(this.source, rect);
  }

  setHighPrecisionSource(enabled: boolean): void {
    this.setSourcePrecision(enabled ? 'rgba16f' : 'rgba8');
  }

  /** 16-bit float upload keeps 10-bit video's extra precision; 8-bit is cheaper. */
  private setSourcePrecision(precision: TextureFormat): void {
    if (precision === this.sourcePrecision) return;
    this.sourcePrecision = precision;
    deleteTarget(this.gl, this.source);
    this.source = null;
    this.hasFrame = false;
  }

  resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  /**
   * Uploads a new frame and draws it. Returns false while the context is lost, or when the GPU
   * has not finished the previous frame: a slow GPU then drops frames instead of building a
   * backlog that would freeze the page.
   */
  render(frame: FrameSource, width: number, height: number): boolean {
    if (this.lost || width <= 0 || height <= 0 || this.gpuBusy()) return false;
    this.timer.beginFrame();
    this.timer.measure('Upload', () => this.upload(frame, width, height));
    this.upscaled = { texture: null, key: '' };
    this.drawPicture();
    this.deliverTimings();
    this.pendingFence = this.gl.fenceSync(this.gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    this.gl.flush();
    return true;
  }

  private gpuBusy(): boolean {
    const { gl, pendingFence } = this;
    if (!pendingFence) return false;
    const status = gl.clientWaitSync(pendingFence, 0, 0);
    if (status === gl.TIMEOUT_EXPIRED) return true;
    gl.deleteSync(pendingFence);
    this.pendingFence = null;
    return false;
  }

  /** Draws the last uploaded frame again (after a resize or a scaler change while paused). */
  redraw(): void {
    if (this.lost || !this.hasFrame) return;
    this.timer.beginFrame();
    this.drawPicture();
    this.deliverTimings();
  }

  /** Draws and reads the canvas back in the same task, before the compositor takes the buffer. */
  capture(): Promise<CapturedFrame | null> {
    return Promise.resolve(this.captureNow());
  }

  simulateContextLoss(): boolean {
    const extension = this.gl.getExtension('WEBGL_lose_context');
    if (!extension) return false;
    extension.loseContext();
    setTimeout(() => extension.restoreContext(), 50);
    return true;
  }

  private captureNow(): CapturedFrame | null {
    if (this.lost || !this.hasFrame) return null;
    this.drawPicture();
    const { gl } = this;
    const width = gl.drawingBufferWidth;
    const height = gl.drawingBufferHeight;
    const bottomUp = new Uint8Array(width * height * 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, bottomUp);
    const pixels = new Uint8Array(bottomUp.length);
    const row = width * 4;
    for (let y = 0; y < height; y++) {
      pixels.set(bottomUp.subarray((height - 1 - y) * row, (height - y) * row), y * row);
    }
    return { width, height, pixels };
  }

  /** Where the picture lies in the canvas, in device pixels with a top-left origin. */
  pictureRect(): PixelRect {
    if (!this.source) return { x: 0, y: 0, width: 0, height: 0 };
    const rect = fitRect(this.source.width, this.source.height, this.canvas.width, this.canvas.height);
    return { ...rect, y: this.canvas.height - rect.y - rect.height };
  }

  dispose(): void {
    this.releaseResources();
    this.timer.dispose();
    this.detach();
  }

  private upload(frame: FrameSource, width: number, height: number): void {
    const { gl } = this;
    if (!this.source || this.source.width !== width || this.source.height !== height) {
      deleteTarget(gl, this.source);
      this.source = createTexture(gl, width, height, this.sourcePrecision);
    }
    gl.bindTexture(gl.TEXTURE_2D, this.source.texture);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    const type = this.sourcePrecision === 'rgba16f' ? gl.HALF_FLOAT : gl.UNSIGNED_BYTE;
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, type, frame);
    this.hasFrame = true;
  }

  private drawPicture(): void {
    const { gl, source, resampler, referenceResampler } = this;
    if (!source || !resampler || !referenceResampler) return;
    const rect = fitRect(source.width, source.height, this.canvas.width, this.canvas.height);
    const upscaled = this.upscale(source, rect);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.disable(gl.SCISSOR_TEST);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const picture = upscaled ?? source;
    if (!this.compare.enabled) {
      this.timer.measure('Scale to window', () => resampler.draw(picture, { framebuffer: null, rect, flip: true }, this.scaler));
      return;
    }
    const divider = Math.round(rect.x + Math.min(1, Math.max(0, this.compare.position)) * rect.width);
    const height = this.canvas.height;
    this.timer.measure('Compare: reference side', () =>
      referenceResampler.draw(
        source,
        { framebuffer: null, rect, flip: true, scissor: { x: 0, y: 0, width: divider, height } },
        this.compare.referenceScaler,
      ),
    );
    this.timer.measure('Scale to window', () =>
      resampler.draw(
        picture,
        { framebuffer: null, rect, flip: true, scissor: { x: divider, y: 0, width: this.canvas.width - divider, height } },
        this.scaler,
      ),
    );
  }

  /** Runs the preset once per frame and picture size; redraws (slider, pause) reuse its output. */
  private upscale(source: Texture, rect: PixelRect): Texture | null {
    const pipeline = this.pipeline;
    if (!pipeline?.isActive) return null;
    const key = `${rect.width}x${rect.height}`;
    if (this.upscaled.key === key) return this.upscaled.texture;
    const texture = pipeline.run(source, rect, this.timer);
    this.upscaled = { texture, key };
    return texture;
  }

  private deliverTimings(): void {
    for (const samples of this.timer.endFrame()) this.listener.onTimings(samples, this.timer.source);
  }

  private createResources(): void {
    const format = intermediateFormat(this.capabilities);
    this.resampler = new Resampler(this.gl, format);
    this.referenceResampler = new Resampler(this.gl, format);
    this.pipeline = new WebGL2Pipeline(this.gl, format);
    this.pipeline.setPasses(this.preset.key, this.preset.definitions);
  }

  private releaseResources(): void {
    if (!this.lost) {
      this.resampler?.dispose();
      this.referenceResampler?.dispose();
      this.pipeline?.dispose();
      deleteTarget(this.gl, this.source);
    }
    this.resampler = null;
    this.referenceResampler = null;
    this.pipeline = null;
    this.source = null;
    this.upscaled = { texture: null, key: '' };
    this.hasFrame = false;
  }

  private handleLost(): void {
    this.lost = true;
    // Objects of a lost context are already gone; only drop our references.
    this.pendingFence = null;
    this.resampler = null;
    this.referenceResampler = null;
    this.pipeline?.forgetResources();
    this.pipeline = null;
    this.source = null;
    this.upscaled = { texture: null, key: '' };
    this.hasFrame = false;
    this.listener.onContextLost();
  }

  private handleRestored(): void {
    this.lost = false;
    this.capabilities = readCapabilities(this.gl);
    this.timer = new PassTimer(this.gl);
    this.createResources();
    this.listener.onContextRestored();
  }
}
