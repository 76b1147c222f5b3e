import { lumaWeights } from '../reference/programs';

/** A number as a WGSL float literal. */
export const number = (value: number) => (Number.isInteger(value) ? `${value}.0` : String(value));

/** Shared helpers of the per-pixel passes: the output, clamped loads and bilinear reads of input i. */
export function pixelDeclarations(inputs: number): string {
  const lines: string[] = [];
  for (let input = 0; input < inputs; input++) {
    lines.push(
      `@group(0) @binding(${1 + input}) var input${input}: texture_2d<f32>;`,
      `fn fetch${input}(p: vec2i) -> vec4f { return textureLoad(input${input}, clamp(p, vec2i(0), vec2i(textureDimensions(input${input})) - vec2i(1)), 0); }`,
      `fn bilinear${input}(s: vec2f) -> vec4f {`,
      '  let f = s - floor(s); let i = vec2i(floor(s));',
      `  let top = mix(fetch${input}(i), fetch${input}(i + vec2i(1, 0)), f.x);`,
      `  let bottom = mix(fetch${input}(i + vec2i(0, 1)), fetch${input}(i + vec2i(1, 1)), f.x);`,
      '  return mix(top, bottom, f.y);',
      '}',
    );
  }
  return [
    '@group(0) @binding(0) var output: texture_storage_2d<rgba16float, write>;',
    ...lines,
    'fn sourcePosition(p: vec2i, size: vec2u) -> vec2f { return (vec2f(p) + 0.5) * vec2f(size) / vec2f(textureDimensions(output)) - 0.5; }',
    `fn luma(c: vec4f) -> f32 { return dot(c.rgb, vec3f(${lumaWeights.map(number).join(', ')})); }`,
  ].join('\n');
}
