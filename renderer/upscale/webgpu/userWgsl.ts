import type { PassDefinition, PassProgram } from '../model';
import { glslToWgsl } from '../userShaders/naga';
import { colourFunctions, portableHook } from '../userShaders/portableGlsl';
import { hookEnvironment, setTime, userBinding, userFragmentGlsl } from '../userShaders/vulkanGlsl';

export { userBinding };

type UserProgram = Extract<PassProgram, { kind: 'user' }>;

/** The full-screen triangle a user pass draws, as the WebGL2 stage draws every pass. */
export const userVertexShader = `@vertex
fn main(@builtin(vertex_index) index: u32) -> @builtin(position) vec4f {
  let corner = vec2f(f32((index << 1u) & 2u), f32(index & 2u));
  return vec4f(corner * 2.0 - 1.0, 0.0, 1.0);
}`;

/**
 * A pass of an mpv shader file as a WebGPU fragment shader: the hook's GLSL in the environment
 * libplacebo gives it (see webgl2/userCodegen.ts), translated to WGSL by naga, wgpu's own
 * translator. A render pass rather than compute: hooks may use derivatives (fwidth) and
 * texture()'s implicit level, which only a fragment stage has.
 */
export function userFragmentShader(definition: PassDefinition, program: UserProgram): string {
  // WGSL refuses texture() (and derivatives) under a branch that differs between neighbouring
  // pixels; GLSL allows it, and NNEDI3 does it. A hook's textures have one level, so the implicit
  // level is the same either way: the check is switched off, as WGSL provides for.
  return `diagnostic(off, derivative_uniformity);\n${glslToWgsl(userFragmentGlsl(definition, program), 'fragment')}`;
}

/**
 * A compute pass of an mpv shader file (`//!COMPUTE`) as WGSL: its own `hook()` writes
 * `out_image`; libplacebo dispatches one workgroup of tw×th threads per bw×bh block of the output.
 */
export function userComputeShader(program: UserProgram, textureCount: number): string {
  const compute = program.compute;
  if (!compute) throw new Error('not a compute pass');
  // naga reads gl_WorkGroupSize only at run time; the files use it in constants (array sizes).
  const portable = portableHook(program.body);
  const body = reverseSharedDimensions(
    explicitLevels(portable.body).replace(/\bgl_WorkGroupSize\b/g, `uvec3(${compute.threadsWidth}, ${compute.threadsHeight}, 1)`),
  );
  const glsl = [
    '#version 450',
    `layout(local_size_x = ${compute.threadsWidth}, local_size_y = ${compute.threadsHeight}) in;`,
    // A fetch outside the texture reads zero under Vulkan's robust image access, as libplacebo runs;
    // WebGPU would clamp it to the edge instead. Compute passes fetch past the edge on purpose (tiles with a border).
    '#define texelFetch(s, p, l) (kireiInside(p, textureSize(s, 0)) ? texelFetch(s, p, l) : vec4(0.0))',
    'bool kireiInside(ivec2 p, ivec2 size) { return all(greaterThanEqual(p, ivec2(0))) && all(lessThan(p, size)); }',
    `layout(set = 0, binding = ${userBinding.firstTexture + textureCount}, rgba16f) uniform writeonly image2D out_image;`,
    ...hookEnvironment(program, 'textureLod'),
    colourFunctions(program.body),
    body,
    'void main() {',
    `  ${setTime}`,
    portable.prologue,
    '  hook();',
    '}',
  ].join('\n');
  return removeUnavailableBarriers(glslToWgsl(glsl, 'compute'));
}

/** naga writes every barrier GLSL's barrier() may mean; WebGPU has the workgroup and storage ones. */
function removeUnavailableBarriers(wgsl: string): string {
  return wgsl
    .split('\n')
    .filter((line) => !/^\s*(subgroupBarrier|textureBarrier)\(\);\s*$/.test(line))
    .join('\n');
}

/**
 * naga's GLSL reader nests a multi-dimensional array's sizes in reverse (`float a[1][18][14]`
 * becomes `array<array<array<f32, 1>, 18>, 14>`) while keeping the order of the indices, so the
 * tiles of ArtCNN and CuNNy would be read out of bounds. Declaring the sizes reversed gives WGSL
 * the layout GLSL means.
 */
export function reverseSharedDimensions(body: string): string {
  return body.replace(/\bshared(\s+\w+\s+\w+)((?:\s*\[[^\]]+\]){2,})\s*;/g, (_declaration, typeAndName: string, sizes: string) => {
    const dimensions = [...sizes.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1] ?? '');
    return `shared${typeAndName}${dimensions.reverse().map((size) => `[${size}]`).join('')};`;
  });
}

/**
 * texture(s, p) → textureLod(s, p, 0.0): a fragment shader's texture() picks its level from
 * derivatives, which a compute shader has not; level 0 is what a hook's textures have.
 */
export function explicitLevels(body: string): string {
  let result = '';
  let index = 0;
  const call = /\btexture\s*\(/g;
  for (let match = call.exec(body); match; match = call.exec(body)) {
    let depth = 1;
    let end = call.lastIndex;
    for (; end < body.length && depth > 0; end++) {
      if (body[end] === '(') depth++;
      else if (body[end] === ')') depth--;
    }
    if (depth !== 0) break;
    result += `${body.slice(index, match.index)}textureLod(${body.slice(call.lastIndex, end - 1)}, 0.0)`;
    index = end;
    call.lastIndex = end;
  }
  return result + body.slice(index);
}
