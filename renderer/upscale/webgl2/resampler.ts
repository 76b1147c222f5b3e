import copySource from '../../../shaders/webgl2/copy.frag?raw';
import resampleSource from '../../../shaders/webgl2/resample.frag?raw';
import type { Program } from '../../gpu/webgl2/program';
import { createProgram } from '../../gpu/webgl2/program';
import type { RenderTarget, Texture, TextureFormat } from '../../gpu/webgl2/texture';
import { createRenderTarget, deleteTarget } from '../../gpu/webgl2/texture';
import type { FramebufferRect } from '../geometry';
import type { Offset } from '../model';
import type { ScalerKind } from '../scalers';
import { scalerIndex, scalerRadius } from '../scalers';


export interface ResampleOutput {
  /** null draws into the canvas. */
  framebuffer: WebGLFramebuffer | null;
  rect: FramebufferRect;
  /** Drawing is limited to this part of the output (the compare slider's halves). */
  scissor?: FramebufferRect | undefined;
  flip: boolean;
  /** Where the picture lies shifted in its texture (source pixels, rows top-down): sampled there. */
  shift?: Offset | undefined;
}

/**
 * Separable resampling in two passes (x into an intermediate, then y into the output), so a
 * Lanczos-3 upscale costs 12 taps per pixel instead of 36. Each instance owns its intermediate.
 */
export class Resampler {
  private readonly program: Program;
  private readonly copy: Program;
  private intermediate: RenderTarget | null = null;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly intermediateFormat: TextureFormat,
  ) {
    this.program = createProgram(gl, resampleSource, 'Reference scaler');
    this.copy = createProgram(gl, copySource, 'Copy');
  }

  draw(source: Texture, output: ResampleOutput, kind: ScalerKind): void {
    const { gl } = this;
    const { rect } = output;
    if (rect.width <= 0 || rect.height <= 0) return;
    const shift = output.shift ?? { x: 0, y: 0 };
    if (source.width === rect.width && source.height === rect.height && shift.x === 0 && shift.y === 0) {
      this.drawCopy(source, output);
      return;
    }
    const intermediate = this.intermediateFor(rect.width, source.height);

    gl.useProgram(this.program.program);
    gl.activeTexture(gl.TEXTURE0);
    this.uniform1i('u_source', 0);
    this.uniform1i('u_kernel', scalerIndex[kind]);
    this.uniform1f('u_radius', scalerRadius[kind]);
    gl.disable(gl.BLEND);

    // Pass 1: x, from the source into the intermediate (output width × source height).
    gl.disable(gl.SCISSOR_TEST);
    gl.bindFramebuffer(gl.FRAMEBUFFER, intermediate.framebuffer);
    gl.viewport(0, 0, intermediate.width, intermediate.height);
    gl.bindTexture(gl.TEXTURE_2D, source.texture);
    this.setAxis(0, source.width, source.height, source.width / rect.width, { x: 0, y: 0 }, intermediate.height, false, shift.x);
    gl.drawArrays(gl.TRIANGLES, 0, 3);

    // Pass 2: y, from the intermediate into the output rectangle.
    gl.bindFramebuffer(gl.FRAMEBUFFER, output.framebuffer);
    gl.viewport(rect.x, rect.y, rect.width, rect.height);
    if (output.scissor) {
      gl.enable(gl.SCISSOR_TEST);
      gl.scissor(output.scissor.x, output.scissor.y, output.scissor.width, output.scissor.height);
    }
    gl.bindTexture(gl.TEXTURE_2D, intermediate.texture);
    this.setAxis(1, intermediate.width, intermediate.height, source.height / rect.height, rect, rect.height, output.flip, shift.y);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.disable(gl.SCISSOR_TEST);
  }

  dispose(): void {
    deleteTarget(this.gl, this.intermediate);
    this.intermediate = null;
    this.gl.deleteProgram(this.program.program);
    this.gl.deleteProgram(this.copy.program);
  }

  /** At exactly the output size every scaler would return the image itself (mpv skips it too). */
  private drawCopy(source: Texture, output: ResampleOutput): void {
    const { gl, copy } = this;
    const { rect } = output;
    gl.useProgram(copy.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, source.texture);
    gl.uniform1i(copy.uniforms.get('u_source') ?? null, 0);
    gl.uniform2f(copy.uniforms.get('u_viewportOrigin') ?? null, rect.x, rect.y);
    gl.uniform1f(copy.uniforms.get('u_outputHeight') ?? null, rect.height);
    gl.uniform1i(copy.uniforms.get('u_flip') ?? null, output.flip ? 1 : 0);
    gl.bindFramebuffer(gl.FRAMEBUFFER, output.framebuffer);
    gl.viewport(rect.x, rect.y, rect.width, rect.height);
    if (output.scissor) {
      gl.enable(gl.SCISSOR_TEST);
      gl.scissor(output.scissor.x, output.scissor.y, output.scissor.width, output.scissor.height);
    }
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.disable(gl.SCISSOR_TEST);
  }

  private intermediateFor(width: number, height: number): RenderTarget {
    const current = this.intermediate;
    if (current && current.width === width && current.height === height) return current;
    deleteTarget(this.gl, current);
    this.intermediate = createRenderTarget(this.gl, width, height, this.intermediateFormat);
    return this.intermediate;
  }

  private setAxis(
    axis: number,
    sourceWidth: number,
    sourceHeight: number,
    scale: number,
    origin: { x: number; y: number },
    outputHeight: number,
    flip: boolean,
    shift: number,
  ): void {
    const { gl, program } = this;
    gl.uniform2i(program.uniforms.get('u_sourceSize') ?? null, sourceWidth, sourceHeight);
    this.uniform1i('u_axis', axis);
    this.uniform1f('u_scale', scale);
    gl.uniform2f(program.uniforms.get('u_viewportOrigin') ?? null, origin.x, origin.y);
    this.uniform1f('u_outputHeight', outputHeight);
    this.uniform1i('u_flip', flip ? 1 : 0);
    this.uniform1f('u_shift', shift);
  }

  private uniform1i(name: string, value: number): void {
    this.gl.uniform1i(this.program.uniforms.get(name) ?? null, value);
  }

  private uniform1f(name: string, value: number): void {
    this.gl.uniform1f(this.program.uniforms.get(name) ?? null, value);
  }
}
