import type { WebGL2Capabilities } from '../../gpu/webgl2/context';
import { createWebGL2Context, intermediateFormat, readCapabilities } from '../../gpu/webgl2/context';
import type { Texture, TextureFormat } from '../../gpu/webgl2/texture';
import { createTexture, deleteTarget } from '../../gpu/webgl2/texture';
import type { PassSample, TimingSource } from '../../gpu/webgl2/timer';
import { PassTimer } from '../../gpu/webgl2/timer';
import type { PixelRect } from '../geometry';
import { fitRect } from '../geometry';
import type { ScalerKind } from '../scalers';
import { Resampler } from './resampler';

export interface StageListener {
  onContextLost(): void;
  onContextRestored(): void;
  /** Per-pass times of a frame, delivered when the GPU has them (a few frames late). */
  onTimings(samples: PassSample[], source: TimingSource): void;
}

export interface CapturedFrame {
  width: number;
  height: number;
  /** RGBA, top row first. */
  pixels: Uint8Array;
}

type FrameSource = TexImageSource;

/**
 * The WebGL2 stage: upload of each decoded frame, then the reference scaler into the canvas at
 * device pixels, letterboxed. The canvas is cleared to black outside the picture.
 */
export class WebGL2Stage {
  private gl: WebGL2RenderingContext;
  private capabilities: WebGL2Capabilities;
  private resampler: Resampler | null = null;
  private timer: PassTimer;
  private source: Texture | null = null;
  private sourcePrecision: TextureFormat = 'rgba8';
  private scaler: ScalerKind = 'catmull-rom';
  private lost = false;
  private hasFrame = false;
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

  get info(): WebGL2Capabilities & { timing: TimingSource } {
    return { ...this.capabilities, timing: this.timer.source };
  }

  get isContextLost(): boolean {
    return this.lost;
  }

  get context(): WebGL2RenderingContext {
    return this.gl;
  }

  setScaler(kind: ScalerKind): void {
    this.scaler = kind;
  }

  /** 16-bit float upload keeps 10-bit video's extra precision; 8-bit is cheaper. */
  setSourcePrecision(precision: TextureFormat): void {
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

  /** Uploads a new frame and draws it. Returns false while the context is lost. */
  render(frame: FrameSource, width: number, height: number): boolean {
    if (this.lost || width <= 0 || height <= 0) return false;
    this.timer.beginFrame();
    this.timer.measure('Upload', () => this.upload(frame, width, height));
    this.drawPicture();
    this.deliverTimings();
    return true;
  }

  /** Draws the last uploaded frame again (after a resize or a scaler change while paused). */
  redraw(): void {
    if (this.lost || !this.hasFrame) return;
    this.timer.beginFrame();
    this.drawPicture();
    this.deliverTimings();
  }

  /** Draws and reads the canvas back in the same task, before the compositor takes the buffer. */
  capture(): CapturedFrame | null {
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
    const { gl, source, resampler } = this;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.disable(gl.SCISSOR_TEST);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (!source || !resampler) return;
    const rect = fitRect(source.width, source.height, this.canvas.width, this.canvas.height);
    this.timer.measure('Scale to window', () =>
      resampler.draw(source, { framebuffer: null, rect, flip: true }, this.scaler),
    );
  }

  private deliverTimings(): void {
    for (const samples of this.timer.endFrame()) this.listener.onTimings(samples, this.timer.source);
  }

  private createResources(): void {
    this.resampler = new Resampler(this.gl, intermediateFormat(this.capabilities));
  }

  private releaseResources(): void {
    if (!this.lost) {
      this.resampler?.dispose();
      deleteTarget(this.gl, this.source);
    }
    this.resampler = null;
    this.source = null;
    this.hasFrame = false;
  }

  private handleLost(): void {
    this.lost = true;
    // Objects of a lost context are already gone; only drop our references.
    this.resampler = null;
    this.source = null;
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
