import { readCapabilities } from '../../../renderer/gpu/webgl2/context';
import type { Texture } from '../../../renderer/gpu/webgl2/texture';
import { createRenderTarget, createTexture, deleteTarget, uploadPixels } from '../../../renderer/gpu/webgl2/texture';
import { PassTimer } from '../../../renderer/gpu/webgl2/timer';
import type { PassDefinition, Size } from '../../../renderer/upscale/model';
import type { Plan } from '../../../renderer/upscale/planner';
import { PlanCache } from '../../../renderer/upscale/planner';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { createImage, imageToBytes } from '../../../renderer/upscale/reference/image';
import type { PassFailure } from '../../../renderer/upscale/stage';
import { loadTranslator } from '../../../renderer/upscale/userShaders/naga';
import { WebGL2Pipeline } from '../../../renderer/upscale/webgl2/pipeline';

/** Runs the app's WebGL2 pipeline on still images, outside the player, for tests and timing. */
export class WebGL2Runner {
  readonly gl: WebGL2RenderingContext;
  readonly timer: PassTimer;
  readonly renderer: string;
  private readonly pipeline: WebGL2Pipeline;
  private readonly plans = new PlanCache();
  private preset: { key: string; definitions: PassDefinition[] } = { key: 'off', definitions: [] };
  private source: Texture | null = null;

  constructor(canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl2', { antialias: false, depth: false, stencil: false, powerPreference: 'high-performance' });
    if (!gl) throw new Error('WebGL2 is not available');
    this.gl = gl;
    const capabilities = readCapabilities(gl);
    if (!capabilities.floatTargets) throw new Error('EXT_color_buffer_float is missing');
    this.renderer = capabilities.renderer;
    this.timer = new PassTimer(gl);
    this.pipeline = new WebGL2Pipeline(gl, 'rgba16f');
  }

  /** As the player's backend compiles: a user pass written for desktop GLSL is tried again through naga. */
  async prepare(key: string, definitions: PassDefinition[]): Promise<PassFailure | null> {
    let failure = this.pipeline.compile(definitions);
    if (failure && definitions.some(({ program }) => program.kind === 'user')) {
      await loadTranslator();
      failure = this.pipeline.compile(definitions, true);
    }
    this.preset = failure ? { key: 'off', definitions: [] } : { key, definitions };
    this.plans.clear();
    return failure;
  }

  plan(native: Size, output: Size): Plan {
    return this.plans.get(this.preset.definitions, this.preset.key, native, output);
  }

  /** Uploads an 8-bit image, as a decoded video frame arrives. */
  setInput(image: FloatImage): void {
    deleteTarget(this.gl, this.source);
    this.source = createTexture(this.gl, image.width, image.height, 'rgba8');
    uploadPixels(this.gl, this.source, new Uint8Array(imageToBytes(image).buffer));
  }

  /** One frame through the pipeline; returns the result texture (the input when nothing ran). */
  runFrame(output: Size): Texture {
    if (!this.source) throw new Error('no input');
    return this.pipeline.run(this.plan(this.source, output), this.source, this.timer) ?? this.source;
  }

  /** Reads a texture back as floats (half-float targets hold values outside 0–1 too). */
  read(texture: Texture): FloatImage {
    const { gl } = this;
    const target = 'framebuffer' in texture ? texture : this.copyToTarget(texture);
    gl.bindFramebuffer(gl.FRAMEBUFFER, (target as { framebuffer: WebGLFramebuffer }).framebuffer);
    const image = createImage(texture.width, texture.height);
    gl.readPixels(0, 0, texture.width, texture.height, gl.RGBA, gl.FLOAT, image.data);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    return image;
  }

  private copyToTarget(texture: Texture) {
    const { gl } = this;
    const target = createRenderTarget(gl, texture.width, texture.height, 'rgba16f');
    const read = gl.createFramebuffer();
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, read);
    gl.framebufferTexture2D(gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture.texture, 0);
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, target.framebuffer);
    gl.blitFramebuffer(0, 0, texture.width, texture.height, 0, 0, texture.width, texture.height, gl.COLOR_BUFFER_BIT, gl.NEAREST);
    gl.deleteFramebuffer(read);
    return target;
  }
}
