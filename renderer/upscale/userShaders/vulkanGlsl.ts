import type { PassDefinition, PassProgram } from '../model';
import { colourFunctions, gatherFunctions, portableHook } from './portableGlsl';

/**
 * A user pass's GLSL as Vulkan GLSL 4.50 over separate textures and samplers, the environment
 * libplacebo gives a hook: what naga reads, for WebGPU's WGSL and for WebGL2's fallback.
 */

/** mpv's `frame` and `random` from the sizes block, where the pipelines write them per frame. */
export const setTime = 'frame = int(kireiSizes.output.z); random = kireiSizes.output.w;';

type UserProgram = Extract<PassProgram, { kind: 'user' }>;

/** Bindings of a user pass: two samplers, the sizes, the textures it binds, then (compute) its result. */
export const userBinding = { linear: 0, nearest: 1, sizes: 2, firstTexture: 3 } as const;

/** A fragment pass: its hook() run for each pixel of the pass's result. */
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

/** The declarations and macros libplacebo gives a hook, over WebGPU's separate textures and samplers. */
export function hookEnvironment(program: UserProgram, lookup: 'texture' | 'textureLod'): string[] {
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
