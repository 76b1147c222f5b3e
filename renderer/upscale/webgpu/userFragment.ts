import { init, NagaError, translate } from 'naga-wasm';
import type { PassDefinition, PassProgram } from '../model';

type UserProgram = Extract<PassProgram, { kind: 'user' }>;

/** Bindings of a user pass on WebGPU: two samplers, the sizes, then the textures it binds. */
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
  try {
    return translate({ from: 'glsl', source: userFragmentGlsl(definition, program), parse: { stage: 'fragment' }, to: 'wgsl' });
  } catch (error) {
    throw new Error(error instanceof NagaError ? error.formatted : String(error), { cause: error });
  }
}

export function userFragmentGlsl(definition: PassDefinition, program: UserProgram): string {
  const fileNames = new Set(program.textures.map((texture) => texture.name));
  const inputs = program.binds.filter((name) => !fileNames.has(name));
  const declarations = [
    ...inputs.map((_, index) => `layout(set = 0, binding = ${userBinding.firstTexture + index}) uniform texture2D kireiInput${index};`),
    ...program.textures.map((_, index) => `layout(set = 0, binding = ${userBinding.firstTexture + inputs.length + index}) uniform texture2D kireiTexture${index};`),
  ];
  const samplerOf = (name: string): string => {
    const file = program.textures.findIndex((texture) => texture.name === name);
    const texture = program.textures[file];
    return texture ? `sampler2D(kireiTexture${file}, ${texture.filter === 'linear' ? 'kireiLinear' : 'kireiNearest'})` : `sampler2D(kireiInput${inputs.indexOf(name)}, kireiLinear)`;
  };
  const named = program.binds.flatMap((name): [string, string][] => {
    const alias = name === 'HOOKED' ? program.hook : name === program.hook ? 'HOOKED' : null;
    const sampler = samplerOf(name);
    return alias && !program.binds.includes(alias) ? [[name, sampler], [alias, sampler]] : [[name, sampler]];
  });
  return [
    '#version 450',
    'layout(location = 0) out vec4 kireiColour;',
    `layout(set = 0, binding = ${userBinding.linear}) uniform sampler kireiLinear;`,
    `layout(set = 0, binding = ${userBinding.nearest}) uniform sampler kireiNearest;`,
    `layout(set = 0, binding = ${userBinding.sizes}) uniform KireiSizes { vec4 inputAndTarget; vec4 output; } kireiSizes;`,
    ...declarations,
    '#define input_size (kireiSizes.inputAndTarget.xy)',
    '#define target_size (kireiSizes.inputAndTarget.zw)',
    'const vec2 tex_offset = vec2(0.0);',
    'const int frame = 0;',
    'const float random = 0.0;',
    ...named.map(([name, sampler]) => environment(name, sampler)),
    ...program.textures.map((texture) => `#define ${texture.name} ${samplerOf(texture.name)}`),
    ...program.defines.map(([name, value]) => `#define ${name} ${value}`),
    program.body,
    'void main() {',
    '  vec4 colour = hook();',
    `  kireiColour = ${mask(definition.components)};`,
    '}',
  ].join('\n');
}

function environment(name: string, sampler: string): string {
  return [
    `#define ${name}_raw ${sampler}`,
    `#define ${name}_size vec2(textureSize(${sampler}, 0))`,
    `#define ${name}_pt (1.0 / ${name}_size)`,
    `#define ${name}_pos (gl_FragCoord.xy / kireiSizes.output.xy)`,
    `#define ${name}_mul 1.0`,
    `#define ${name}_rot mat2(1.0, 0.0, 0.0, 1.0)`,
    `#define ${name}_off vec2(0.0)`,
    `#define ${name}_tex(pos) (${name}_mul * texture(${sampler}, pos))`,
    `#define ${name}_texOff(off) ${name}_tex(${name}_pos + ${name}_pt * vec2(off))`,
    `vec4 ${name}_gather(vec2 pos, int c) {`,
    `  ivec2 size = textureSize(${sampler}, 0);`,
    `  ivec2 base = ivec2(floor(pos * vec2(size) - 0.5));`,
    `  ivec2 last = size - 1;`,
    `  vec4 a = texelFetch(${sampler}, clamp(base + ivec2(0, 1), ivec2(0), last), 0);`,
    `  vec4 b = texelFetch(${sampler}, clamp(base + ivec2(1, 1), ivec2(0), last), 0);`,
    `  vec4 d = texelFetch(${sampler}, clamp(base + ivec2(1, 0), ivec2(0), last), 0);`,
    `  vec4 e = texelFetch(${sampler}, clamp(base, ivec2(0), last), 0);`,
    `  return ${name}_mul * vec4(a[c], b[c], d[c], e[c]);`,
    `}`,
  ].join('\n');
}

function mask(components: 1 | 2 | 3 | 4): string {
  return components === 1 ? 'vec4(colour.r, 0.0, 0.0, 1.0)' : components === 2 ? 'vec4(colour.rg, 0.0, 1.0)' : components === 3 ? 'vec4(colour.rgb, 1.0)' : 'colour';
}
