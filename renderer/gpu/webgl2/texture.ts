export type TextureFormat = 'rgba8' | 'rgba16f';

export interface Texture {
  texture: WebGLTexture;
  width: number;
  height: number;
  format: TextureFormat;
}

function formatParameters(gl: WebGL2RenderingContext, format: TextureFormat) {
  return format === 'rgba16f'
    ? { internal: gl.RGBA16F, type: gl.HALF_FLOAT }
    : { internal: gl.RGBA8, type: gl.UNSIGNED_BYTE };
}

/** An immutable-size texture sampled with clamp-to-edge; `linear` picks the hardware filter. */
export function createTexture(
  gl: WebGL2RenderingContext,
  width: number,
  height: number,
  format: TextureFormat,
  linear = false,
): Texture {
  const texture = gl.createTexture();
  if (!texture) throw new Error('Could not create a texture (the GPU context may be lost).');
  const { internal } = formatParameters(gl, format);
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texStorage2D(gl.TEXTURE_2D, 1, internal, width, height);
  setSampling(gl, linear);
  return { texture, width, height, format };
}

export function setSampling(gl: WebGL2RenderingContext, linear: boolean): void {
  const filter = linear ? gl.LINEAR : gl.NEAREST;
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, filter);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, filter);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
}

/** Uploads pixels (top row first) into a texture of the same size. */
export function uploadPixels(gl: WebGL2RenderingContext, target: Texture, pixels: ArrayBufferView): void {
  const { type } = formatParameters(gl, target.format);
  gl.bindTexture(gl.TEXTURE_2D, target.texture);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, target.width, target.height, gl.RGBA, type, pixels);
}

export interface RenderTarget extends Texture {
  framebuffer: WebGLFramebuffer;
}

export function createRenderTarget(
  gl: WebGL2RenderingContext,
  width: number,
  height: number,
  format: TextureFormat,
  linear = false,
): RenderTarget {
  const texture = createTexture(gl, width, height, format, linear);
  const framebuffer = gl.createFramebuffer();
  if (!framebuffer) throw new Error('Could not create a framebuffer (the GPU context may be lost).');
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture.texture, 0);
  const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  if (status !== gl.FRAMEBUFFER_COMPLETE && !gl.isContextLost()) {
    throw new Error(`A ${format} ${width}×${height} render target is not supported here (status 0x${status.toString(16)}).`);
  }
  return { ...texture, framebuffer };
}

export function deleteTarget(gl: WebGL2RenderingContext, target: Texture | RenderTarget | null | undefined): void {
  if (!target) return;
  gl.deleteTexture(target.texture);
  if ('framebuffer' in target) gl.deleteFramebuffer(target.framebuffer);
}
