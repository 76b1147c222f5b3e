import { lumaWeights } from '../reference/programs';
import { number } from './pixelDeclarations';

/** Output pixels per workgroup side of the fused local maximum. */
export const lumaMaxTile = 16;

/**
 * Clamp Highlights' statistics in one pass: the local maximum of luma over a (2rx+1)×(2ry+1)
 * window, rows first then columns, through workgroup memory, instead of a pass per axis with a
 * texture between them. Reads at the edges are clamped as the two passes clamp them, and the
 * maximum of rounded values is the rounded maximum, so the result is the same texture.
 */
export function lumaMaxShader(radiusX: number, radiusY: number): string {
  const tile = lumaMaxTile;
  const haloWidth = tile + 2 * radiusX;
  const haloHeight = tile + 2 * radiusY;
  return `@group(0) @binding(0) var output: texture_storage_2d<rgba16float, write>;
@group(0) @binding(1) var input0: texture_2d<f32>;
var<workgroup> lumas: array<f32, ${haloWidth * haloHeight}>;
var<workgroup> rows: array<f32, ${tile * haloHeight}>;
fn luma(c: vec4f) -> f32 { return dot(c.rgb, vec3f(${lumaWeights.map(number).join(', ')})); }
@compute @workgroup_size(${tile}, ${tile})
fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u, @builtin(local_invocation_index) flat: u32) {
  let size = vec2i(textureDimensions(input0));
  let corner = vec2i(group.xy) * ${tile};
  let origin = corner - vec2i(${radiusX}, ${radiusY});
  for (var index = flat; index < ${haloWidth * haloHeight}u; index += ${tile * tile}u) {
    let at = clamp(origin + vec2i(i32(index % ${haloWidth}u), i32(index / ${haloWidth}u)), vec2i(0), size - vec2i(1));
    lumas[index] = luma(textureLoad(input0, at, 0));
  }
  workgroupBarrier();
  for (var index = flat; index < ${tile * haloHeight}u; index += ${tile * tile}u) {
    let start = (index / ${tile}u) * ${haloWidth}u + index % ${tile}u;
    var maximum = 0.0;
    for (var delta = 0u; delta <= ${2 * radiusX}u; delta++) { maximum = max(maximum, lumas[start + delta]); }
    rows[index] = maximum;
  }
  workgroupBarrier();
  let p = corner + vec2i(local.xy);
  if (any(p >= vec2i(textureDimensions(output)))) { return; }
  var maximum = 0.0;
  for (var delta = 0u; delta <= ${2 * radiusY}u; delta++) { maximum = max(maximum, rows[(local.y + delta) * ${tile}u + local.x]); }
  textureStore(output, p, vec4f(maximum, 0.0, 0.0, 0.0));
}`;
}
