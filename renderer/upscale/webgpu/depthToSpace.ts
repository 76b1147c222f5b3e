import { pixelDeclarations } from './pixelDeclarations';

/** Output pixels per workgroup side: each thread writes the 2×2 block of one layer texel. */
export const depthToSpaceTile = 16;

/**
 * The 2× depth-to-space that ends an upscale network, plus the bilinear image it is added to,
 * and with `clamped` Clamp Highlights on the assembled pixel (inputs: the layers, MAIN, the
 * statistics). One thread per layer texel: the layers are read once for their four pixels
 * instead of once per pixel, which is most of this pass's reads at 4K.
 */
export function depthToSpaceShader(channels: 1 | 3, clamped: boolean): string {
  const main = channels;
  const statistics = channels + 1;
  const layers = Array.from({ length: channels }, (_, input) => `fetch${input}(q)`);
  const pick = (subpixel: number) => (channels === 1 ? `vec3f(layer0[${subpixel}])` : `vec3f(layer0[${subpixel}], layer1[${subpixel}], layer2[${subpixel}])`);
  const pixels = [0, 1, 2, 3].map((subpixel) => {
    const offset = `vec2i(${subpixel % 2}, ${Math.floor(subpixel / 2)})`;
    const clamp = clamped
      ? `
    let current = luma(assembled);
    let limit = bilinear${statistics}(sourcePosition(p, textureDimensions(input${statistics}))).x;
    textureStore(output, p, vec4f(assembled.rgb - (current - min(current, limit)), assembled.a));`
      : `
    textureStore(output, p, assembled);`;
    return `  { let p = q * 2 + ${offset};
    if (all(p < size)) {
    let assembled = vec4f(${pick(subpixel)} + bilinear${main}(sourcePosition(p, textureDimensions(input${main}))).rgb, 1.0);${clamp}
  } }`;
  });
  return `${pixelDeclarations(channels + (clamped ? 2 : 1))}
@compute @workgroup_size(${depthToSpaceTile / 2}, ${depthToSpaceTile / 2})
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = vec2i(textureDimensions(output));
  let q = vec2i(id.xy);
  if (any(q * 2 >= size)) { return; }
${layers.map((layer, input) => `  let layer${input} = ${layer};`).join('\n')}
${pixels.join('\n')}
}`;
}
