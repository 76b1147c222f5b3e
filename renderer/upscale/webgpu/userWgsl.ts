import { init } from 'naga-wasm';
import type { PassDefinition, PassProgram } from '../model';
import { colourFunctions, gatherFunctions, portableHook } from '../userShaders/portableGlsl';
import { glslToWgsl } from './nagaGlsl';

/** mpv's `frame` and `random` from the sizes buffer, where UserPassPipelines.setFrame writes them. */
const setTime = 'frame = int(kireiSizes.output.z); random = kireiSizes.output.w;';

type UserProgram = Extract<PassProgram, { kind: 'user' }>;

/** Bindings of a user pass on WebGPU: two samplers, the sizes, the textures it binds, then (compute) its result. */
export const userBinding = { linear: 0, nearest: 1, sizes: 2, firstTexture: 3 } as const;

let ready: Promise<void> | null = null;

/** naga's WebAssembly, loaded once, when the first mpv shader file is compiled for WebGPU. */
export function loadTranslator(): Promise<void> {
  ready ??= init().then(() => undefined);
  return ready;
}

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

export function userFragmentGlsl(definition: PassDefinition, program: UserProgram): string {
  const portable = portableHook(program.body);
  return [
    '#version 450',
    'layout(location = 0) out vec4 kireiColour;',
    ...hookEnvironment(program, 'texture'),
    colourFunctions(program.body),
    portable.body,
    'void main() {',
    `  ${setTime}`,
    portable.prologue,
    '  vec4 colour = hook();',
    `  kireiColour = ${mask(definition.components)};`,
    '}',
  ].join('\n');
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

/** The declarations and macros libplacebo gives a hook, over WebGPU's separate textures and samplers. */
function hookEnvironment(program: UserProgram, lookup: 'texture' | 'textureLod'): string[] {
  const fileNames = new Set(program.textures.map((texture) => texture.name));
  const inputs = program.binds.filter((name) => !fileNames.has(name));
  const samplerOf = (name: string): string => {
    const file = program.textures.findIndex((texture) => texture.name === name);
    const texture = program.textures[file];
    return texture ? `sampler2D(kireiTexture${file}, ${texture.filter === 'linear' ? 'kireiLinear' : 'kireiNearest'})` : `sampler2D(kireiInput${inputs.indexOf(name)}, kireiLinear)`;
  };
  // Where a bound texture's picture starts in it (libplacebo's rect.x0/y0, what //!OFFSET left); none for a file's own texture.
  const offsetOf = (name: string): string => (fileNames.has(name) ? 'vec2(0.0)' : `kireiSizes.offsets[${inputs.indexOf(name)}].xy`);
  const named = program.binds.flatMap((name): [string, string, string][] => {
    const alias = name === 'HOOKED' ? program.hook : name === program.hook ? 'HOOKED' : null;
    const sampler = samplerOf(name);
    const offset = offsetOf(name);
    return alias && !program.binds.includes(alias) ? [[name, sampler, offset], [alias, sampler, offset]] : [[name, sampler, offset]];
  });
  // A compute pass has no fragment position: the invocation's pixel of the result stands in.
  const position = program.compute ? '((vec2(gl_GlobalInvocationID.xy) + 0.5) / vec2(imageSize(out_image)))' : '(gl_FragCoord.xy / kireiSizes.output.xy)';
  return [
    `layout(set = 0, binding = ${userBinding.linear}) uniform sampler kireiLinear;`,
    `layout(set = 0, binding = ${userBinding.nearest}) uniform sampler kireiNearest;`,
    `layout(set = 0, binding = ${userBinding.sizes}) uniform KireiSizes { vec4 inputAndTarget; vec4 output; vec4 offsets[${Math.max(1, inputs.length)}]; } kireiSizes;`,
    ...inputs.map((_, index) => `layout(set = 0, binding = ${userBinding.firstTexture + index}) uniform texture2D kireiInput${index};`),
    ...program.textures.map((_, index) => `layout(set = 0, binding = ${userBinding.firstTexture + inputs.length + index}) uniform texture2D kireiTexture${index};`),
    '#define input_size (kireiSizes.inputAndTarget.xy)',
    '#define target_size (kireiSizes.inputAndTarget.zw)',
    'const vec2 tex_offset = vec2(0.0);',
    // The frame count and this pass's random number (written per frame where the shader reads
    // them), as globals main() sets: a shader may shadow them with locals of the same name.
    'int frame;',
    'float random;',
    ...named.map(([name, sampler, offset]) => environment(name, sampler, position, lookup, offset)),
    ...program.textures.map((texture) => `#define ${texture.name} ${samplerOf(texture.name)}`),
    ...program.defines.map(([name, value]) => `#define ${name} ${value}`),
  ];
}

function environment(name: string, sampler: string, position: string, lookup: 'texture' | 'textureLod', offset: string): string {
  const level = lookup === 'textureLod' ? ', 0.0' : '';
  return [
    `#define ${name}_raw ${sampler}`,
    `#define ${name}_size vec2(textureSize(${sampler}, 0))`,
    `#define ${name}_pt (1.0 / ${name}_size)`,
    `#define ${name}_pos ${position}`,
    `#define ${name}_mul 1.0`,
    `#define ${name}_rot mat2(1.0, 0.0, 0.0, 1.0)`,
    `#define ${name}_off (${offset})`,
    `#define ${name}_tex(pos) (${name}_mul * ${lookup}(${sampler}, pos${level}))`,
    `#define ${name}_texOff(off) ${name}_tex(${name}_pos + ${name}_pt * vec2(off))`,
    gatherFunctions(name, sampler, `textureSize(${sampler}, 0)`),
  ].join('\n');
}

function mask(components: 1 | 2 | 3 | 4): string {
  return components === 1 ? 'vec4(colour.r, 0.0, 0.0, 1.0)' : components === 2 ? 'vec4(colour.rg, 0.0, 1.0)' : components === 3 ? 'vec4(colour.rgb, 1.0)' : 'colour';
}
