import type { PassDefinition, PassProgram } from '../model';
import { glslToEssl } from '../userShaders/naga';
import { colourFunctions, gatherFunctions, portableHook } from '../userShaders/portableGlsl';
import { userBinding, userFragmentGlsl } from '../userShaders/vulkanGlsl';

/**
 * A pass of an mpv shader file as a GLSL ES 3.00 fragment shader, in the environment libplacebo
 * gives a hook: for each bound texture NAME, `NAME_raw` (the sampler), `NAME_pos` (this pixel's
 * position in it, 0–1), `NAME_size`, `NAME_pt` (one texel), `NAME_mul`, `NAME_rot`, `NAME_off`,
 * `NAME_tex(pos)`, `NAME_texOff(offset in texels)` and `NAME_gather(pos, component)`; and
 * `input_size`, `target_size`, `tex_offset`, `frame`, `random`. The body's `hook()` gives the
 * colour; channels past `//!COMPONENTS` read back as a texture of that many channels would
 * (0 for green and blue, 1 for alpha). Bound textures are sampled with bilinear filtering and
 * clamped to the edge, as libplacebo binds them.
 */
export function userFragmentSource(definition: PassDefinition, program: Extract<PassProgram, { kind: 'user' }>): string {
  if (program.compute) throw new Error(`${program.file}: “${definition.description}” is a compute pass, which needs WebGPU (WebGL2 has no compute shaders); choose WebGPU under Settings → Upscaling`);
  // The pipeline's textures are u_input0…n in bind order; the file's own look-up textures u_texture0…m.
  const fileNames = new Set(program.textures.map((texture) => texture.name));
  const inputs = program.binds.filter((name) => !fileNames.has(name));
  const samplers = program.binds.map((name): [string, Sampler] => {
    const file = program.textures.findIndex((texture) => texture.name === name);
    const texture = program.textures[file];
    return texture
      ? [name, { sampler: `u_texture${file}`, size: `ivec2(${texture.width}, ${texture.height})`, offset: 'vec2(0.0)' }]
      : [name, { sampler: `u_input${inputs.indexOf(name)}`, size: `u_size${inputs.indexOf(name)}`, offset: `u_offset${inputs.indexOf(name)}` }];
  });
  // HOOKED and the hooked stage's own name (MAIN, LUMA, PREKERNEL…) are one texture: binding either gives both.
  const named = samplers.flatMap(([name, sampler]): [string, Sampler][] => {
    const alias = name === 'HOOKED' ? program.hook : name === program.hook ? 'HOOKED' : null;
    return alias && !program.binds.includes(alias) ? [[name, sampler], [alias, sampler]] : [[name, sampler]];
  });
  // A file's own texture is also the plain sampler of its name, as libplacebo binds it.
  const environment = [
    ...named.map(([name, sampler]) => textureEnvironment(name, sampler)),
    ...program.textures.map((texture, index) => `#define ${texture.name} u_texture${index}`),
  ].join('\n');
  const defines = program.defines.map(([name, value]) => `#define ${name} ${value}`).join('\n');
  const portable = portableHook(program.body);
  return [
    '#version 300 es',
    'precision highp float;',
    'precision highp int;',
    'precision highp sampler2D;',
    ...inputs.map((_, index) => `uniform sampler2D u_input${index};\nuniform ivec2 u_size${index};\nuniform vec2 u_offset${index};`),
    ...program.textures.map((_, index) => `uniform sampler2D u_texture${index};`),
    'uniform ivec2 u_outputSize;',
    'uniform vec2 input_size;',
    'uniform vec2 target_size;',
    'const vec2 tex_offset = vec2(0.0);',
    'uniform int frame;',
    'uniform float random;',
    'out vec4 kireiColour;',
    environment,
    defines,
    colourFunctions(program.body),
    // Messages from the compiler name the line in the user's file.
    `#line ${program.bodyLine}`,
    portable.body,
    `void main() {\n${portable.prologue}\n  vec4 colour = hook();\n  kireiColour = ${componentMask(definition.components)};\n}`,
  ].join('\n');
}

interface Sampler {
  sampler: string;
  size: string;
  /** Where the picture starts in the texture (libplacebo's rect.x0/y0, what //!OFFSET left). */
  offset: string;
}

function textureEnvironment(name: string, { sampler, size, offset }: Sampler): string {
  return [
    `#define ${name}_raw ${sampler}`,
    `#define ${name}_size vec2(${size})`,
    `#define ${name}_pt (1.0 / vec2(${size}))`,
    `#define ${name}_pos (gl_FragCoord.xy / vec2(u_outputSize))`,
    `#define ${name}_mul 1.0`,
    `#define ${name}_rot mat2(1.0, 0.0, 0.0, 1.0)`,
    `#define ${name}_off ${offset}`,
    `#define ${name}_tex(pos) (${name}_mul * texture(${sampler}, pos))`,
    `#define ${name}_texOff(off) ${name}_tex(${name}_pos + ${name}_pt * vec2(off))`,
    gatherFunctions(name, sampler, size),
  ].join('\n');
}

function componentMask(components: 1 | 2 | 3 | 4): string {
  switch (components) {
    case 1:
      return 'vec4(colour.r, 0.0, 0.0, 1.0)';
    case 2:
      return 'vec4(colour.rg, 0.0, 1.0)';
    case 3:
      return 'vec4(colour.rgb, 1.0)';
    case 4:
      return 'colour';
  }
}

/**
 * The same pass for a file written for desktop GLSL (`2 * colour`, `float x = 1;`: integers
 * where floats are meant), which GLSL ES refuses: its Vulkan GLSL through naga, which reads
 * desktop GLSL and writes GLSL ES with every conversion spelt out. naga names the bindings after
 * their places; they get the names the pipeline sets, and the sizes block becomes those uniforms.
 * Only tried once the pass as written has failed, so naga's reading never changes a file that
 * WebGL2 compiles itself.
 */
export function userFragmentSourceThroughNaga(definition: PassDefinition, program: Extract<PassProgram, { kind: 'user' }>): string {
  const fileNames = new Set(program.textures.map((texture) => texture.name));
  const inputs = program.binds.filter((name) => !fileNames.has(name));
  const binding = (index: number) => new RegExp(`\\b_group_0_binding_${index}_fs\\b`, 'g');
  let source = glslToEssl(userFragmentGlsl(definition, program));
  inputs.forEach((_, index) => (source = source.replace(binding(userBinding.firstTexture + index), `u_input${index}`)));
  program.textures.forEach((_, index) => (source = source.replace(binding(userBinding.firstTexture + inputs.length + index), `u_texture${index}`)));
  const offsets = Array.from({ length: Math.max(1, inputs.length) }, (_, index) => (index < inputs.length ? `vec4(u_offset${index}, 0.0, 0.0)` : 'vec4(0.0)'));
  const sizes = [
    'uniform vec2 input_size;',
    'uniform vec2 target_size;',
    'uniform ivec2 u_outputSize;',
    'uniform int kireiFrame;',
    'uniform float kireiRandom;',
    ...inputs.map((_, index) => `uniform vec2 u_offset${index};`),
    `#define _group_0_binding_${userBinding.sizes}_fs KireiSizes(vec4(input_size, target_size), vec4(vec2(u_outputSize), float(kireiFrame), kireiRandom), vec4[${offsets.length}](${offsets.join(', ')}))`,
  ].join('\n');
  const block = /layout\(std140\) uniform KireiSizes_block_\w+ \{ KireiSizes _group_0_binding_\d+_fs; \};/;
  if (!block.test(source)) throw new Error('naga wrote the sizes in a form Kirei does not know');
  return source.replace(block, sizes);
}
