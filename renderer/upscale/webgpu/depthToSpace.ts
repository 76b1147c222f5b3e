import { pixelDeclarations } from './pixelDeclarations';

/** Output pixels per workgroup side: each thread writes the 2×2 block of one layer texel. */
export const depthToSpaceTile = 16;

/**
 * The 2× depth-to-space that ends an upscale network, plus the bilinear image it is added to,
 * and with `clamped` Clamp Highlights on the assembled pixel (inputs: the layers, MAIN, the
 * statistics). One thread per layer texel: the layers are read once for their four pixels
 * instead of once per pixel, which is most of this pass's reads at 4K; and where an image read
 * bilinearly is exactly half the output's size (MAIN always, the statistics when taken at the
 * same size), its four pixels share one 3×3 neighbourhood: 9 reads instead of 16.
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
    let limit = limits[${subpixel}].x;
    textureStore(output, p, vec4f(assembled.rgb - (current - min(current, limit)), assembled.a));`
      : `
    textureStore(output, p, assembled);`;
    return `  { let p = q * 2 + ${offset};
    if (all(p < size)) {
    let assembled = vec4f(${pick(subpixel)} + images[${subpixel}].rgb, 1.0);${clamp}
  } }`;
  });
  return `${pixelDeclarations(channels + (clamped ? 2 : 1))}
${blockBilinear(main)}
${clamped ? blockBilinear(statistics) : ''}
@compute @workgroup_size(${depthToSpaceTile / 2}, ${depthToSpaceTile / 2})
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = vec2i(textureDimensions(output));
  let q = vec2i(id.xy);
  if (any(q * 2 >= size)) { return; }
${layers.map((layer, input) => `  let layer${input} = ${layer};`).join('\n')}
  let images = block${main}(q);
${clamped ? `  let limits = block${statistics}(q);` : ''}
${pixels.join('\n')}
}`;
}

/**
 * The bilinear values of input i at the four output pixels of layer texel q. At exactly 2× a
 * pixel's source position is q − ¼ or q + ¼ on each axis, so the four share the texels around q
 * with weights ¾ and ¼: the same arithmetic as bilinear(), on reads made once.
 */
function blockBilinear(input: number): string {
  const neighbour = (x: number, y: number) => `n${y}${x}`;
  const reads: string[] = [];
  for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) reads.push(`    let ${neighbour(x, y)} = fetch${input}(q + vec2i(${x - 1}, ${y - 1}));`);
  const exact = [0, 1, 2, 3].map((subpixel) => {
    const [x, y] = [subpixel % 2, Math.floor(subpixel / 2)];
    const [fx, fy] = [x === 0 ? '0.75' : '0.25', y === 0 ? '0.75' : '0.25'];
    const row = (at: number) => `mix(${neighbour(x, at)}, ${neighbour(x + 1, at)}, ${fx})`;
    return `mix(${row(y)}, ${row(y + 1)}, ${fy})`;
  });
  const general = [0, 1, 2, 3].map((subpixel) => `bilinear${input}(sourcePosition(q * 2 + vec2i(${subpixel % 2}, ${Math.floor(subpixel / 2)}), textureDimensions(input${input})))`);
  return `fn block${input}(q: vec2i) -> array<vec4f, 4> {
  if (all(textureDimensions(input${input}) * 2u == textureDimensions(output))) {
${reads.join('\n')}
    return array<vec4f, 4>(${exact.join(', ')});
  }
  return array<vec4f, 4>(${general.join(', ')});
}`;
}
