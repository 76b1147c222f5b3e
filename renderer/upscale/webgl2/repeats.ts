import type { Program } from '../../gpu/webgl2/program';
import { createProgram } from '../../gpu/webgl2/program';
import type { RenderTarget, Texture } from '../../gpu/webgl2/texture';
import { createRenderTarget, deleteTarget } from '../../gpu/webgl2/texture';
import type { RepeatStatistics } from '../repeats';
import { lumaWeights, repeatTile, sameDrawing, tileChanged } from '../repeats';

/** How the per-tile figures are packed into a byte each; the ranges cover every limit with room. */
const encoding = { coarseSquare: 40, fineSquare: 2, largest: 128, mean: 16 } as const;

const luma = `const vec3 lumaWeights = vec3(${lumaWeights.join(', ')});
float lumaOf(vec4 colour) { return dot(colour.rgb, lumaWeights) * 255.0; }`;

/** The luma of the frame, in levels, as two bytes (whole levels and the fraction): the reference kept for the next frames. */
const referenceShader = `#version 300 es
precision highp float;
uniform highp sampler2D u_source;
out vec4 fragColor;
${luma}
void main() {
  float level = clamp(lumaOf(texelFetch(u_source, ivec2(gl_FragCoord.xy), 0)), 0.0, 255.0);
  fragColor = vec4(floor(level) / 255.0, fract(level), 0.0, 1.0);
}`;

/** One fragment per tile: mean square, largest and mean signed difference against the reference. */
const statisticsShader = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_source;
uniform highp sampler2D u_reference;
uniform ivec2 u_size;
out vec4 fragColor;
${luma}
void main() {
  ivec2 origin = ivec2(gl_FragCoord.xy) * ${repeatTile};
  float squares = 0.0;
  float largest = 0.0;
  float sum = 0.0;
  float count = 0.0;
  for (int y = 0; y < ${repeatTile}; y++) {
    for (int x = 0; x < ${repeatTile}; x++) {
      ivec2 position = origin + ivec2(x, y);
      if (position.x >= u_size.x || position.y >= u_size.y) continue;
      vec4 stored = texelFetch(u_reference, position, 0);
      float difference = lumaOf(texelFetch(u_source, position, 0)) - (stored.r * 255.0 + stored.g);
      squares += difference * difference;
      largest = max(largest, abs(difference));
      sum += difference;
      count += 1.0;
    }
  }
  float meanSquare = squares / max(count, 1.0);
  fragColor = vec4(meanSquare / ${encoding.coarseSquare.toFixed(1)}, largest / ${encoding.largest.toFixed(1)}, sum / max(count, 1.0) / ${encoding.mean.toFixed(1)} + 0.5, meanSquare / ${encoding.fineSquare.toFixed(1)});
}`;

/**
 * The repeat detector on WebGL2 (see ../repeats.ts): a pass with one fragment per tile, read
 * back at once — a few kilobytes, and the GPU has finished the frame before (the stage only
 * draws when it has), so the wait is for this small pass alone.
 */
export class WebGL2RepeatDetector {
  private readonly statistics: Program;
  private readonly reference: Program;
  private referenceTarget: RenderTarget | null = null;
  private tiles: RenderTarget | null = null;

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.statistics = createProgram(gl, statisticsShader, 'Repeated drawing check');
    this.reference = createProgram(gl, referenceShader, 'Repeated drawing reference');
  }

  /** Whether the frame shows the drawing of the last computed one; a changed or forced frame becomes the reference. */
  check(source: Texture, force: boolean): boolean {
    const reference = this.referenceTarget;
    const fresh = force || !reference || reference.width !== source.width || reference.height !== source.height;
    if (!fresh && sameDrawing(this.measure(source, reference))) return true;
    this.storeReference(source);
    return false;
  }

  dispose(): void {
    deleteTarget(this.gl, this.referenceTarget);
    deleteTarget(this.gl, this.tiles);
    this.referenceTarget = null;
    this.tiles = null;
    this.gl.deleteProgram(this.statistics.program);
    this.gl.deleteProgram(this.reference.program);
  }

  private measure(source: Texture, reference: Texture): RepeatStatistics {
    const { gl, statistics } = this;
    const columns = Math.ceil(source.width / repeatTile);
    const rows = Math.ceil(source.height / repeatTile);
    if (!this.tiles || this.tiles.width !== columns || this.tiles.height !== rows) {
      deleteTarget(gl, this.tiles);
      this.tiles = createRenderTarget(gl, columns, rows, 'rgba8');
    }
    gl.useProgram(statistics.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, source.texture);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, reference.texture);
    gl.uniform1i(statistics.uniforms.get('u_source') ?? null, 0);
    gl.uniform1i(statistics.uniforms.get('u_reference') ?? null, 1);
    gl.uniform2i(statistics.uniforms.get('u_size') ?? null, source.width, source.height);
    this.drawInto(this.tiles);
    gl.activeTexture(gl.TEXTURE0);
    const figures = new Uint8Array(columns * rows * 4);
    gl.readPixels(0, 0, columns, rows, gl.RGBA, gl.UNSIGNED_BYTE, figures);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    let changedTiles = 0;
    let sum = 0;
    let squares = 0;
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) {
        const offset = (row * columns + column) * 4;
        const pixels = Math.min(repeatTile, source.width - column * repeatTile) * Math.min(repeatTile, source.height - row * repeatTile);
        const coarse = ((figures[offset] ?? 0) / 255) * encoding.coarseSquare;
        const fine = ((figures[offset + 3] ?? 0) / 255) * encoding.fineSquare;
        // The fine byte saturates at 2 levels²; past it the coarse one is exact enough.
        const meanSquare = fine < encoding.fineSquare ? fine : coarse;
        if (tileChanged(coarse >= encoding.coarseSquare ? Number.POSITIVE_INFINITY : meanSquare, ((figures[offset + 1] ?? 0) / 255) * encoding.largest)) changedTiles++;
        sum += (((figures[offset + 2] ?? 0) / 255 - 0.5) * encoding.mean) * pixels;
        squares += meanSquare * pixels;
      }
    }
    const total = source.width * source.height;
    return { changedTiles, meanDifference: sum / total, meanSquare: squares / total };
  }

  private storeReference(source: Texture): void {
    const { gl } = this;
    if (!this.referenceTarget || this.referenceTarget.width !== source.width || this.referenceTarget.height !== source.height) {
      deleteTarget(gl, this.referenceTarget);
      this.referenceTarget = createRenderTarget(gl, source.width, source.height, 'rgba8');
    }
    gl.useProgram(this.reference.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, source.texture);
    gl.uniform1i(this.reference.uniforms.get('u_source') ?? null, 0);
    this.drawInto(this.referenceTarget);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  }

  private drawInto(target: RenderTarget): void {
    const { gl } = this;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
    gl.viewport(0, 0, target.width, target.height);
    gl.disable(gl.SCISSOR_TEST);
    gl.disable(gl.BLEND);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }
}
