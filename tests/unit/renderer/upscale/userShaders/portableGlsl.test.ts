import { translate } from 'naga-wasm';
import { describe, expect, it } from 'vitest';
import { colourFunctions, portableHook } from '../../../../../renderer/upscale/userShaders/portableGlsl';
import { closingReturns, glslToWgsl, parenthesisedLoopConditions, returningSwitches } from '../../../../../renderer/upscale/userShaders/naga';

const portableBody = (body: string) => portableHook(body).body;
/** A statement inside a function, where globals' rules do not apply. */
const inside = (statement: string) => `void f() { ${statement} }`;
const inFunction = (statement: string) => portableBody(inside(statement));

describe('GLSL that mpv accepts, as WebGL2 and naga read it', () => {
  it('computes 16-bit types at 32 bits, keeping every line where it was', () => {
    const body = '#extension GL_EXT_shader_explicit_arithmetic_types_float16 : enable\n#define V4 f16vec4\nshared float16_t tile[4];\nf16mat4 m = f16mat4(1.0);\nV4 x;';
    const portable = portableBody(body);
    expect(portable).toBe('\n#define V4 vec4\nshared float tile[4];\nmat4 m = mat4(1.0);\nV4 x;');
    expect(portable.split('\n')).toHaveLength(body.split('\n').length);
  });

  it('reads textureGather and textureGatherOffset on a bound texture through its own gather, component 0 unless named', () => {
    expect(inFunction('vec2 g = HOOKED_mul * textureGatherOffset(HOOKED_raw, HOOKED_pos, ivec2(-1, 1), 0).wz;')).toBe(inside('vec2 g = HOOKED_mul * kireiGatherHOOKED(HOOKED_pos, ivec2(-1, 1), 0).wz;'));
    expect(inFunction('vec4 g = textureGatherOffset(LUMA_raw, LUMA_pos + vec2(f(1.0), 2.0) * LUMA_pt, ivec2(1, -1));')).toBe(inside('vec4 g = kireiGatherLUMA(LUMA_pos + vec2(f(1.0), 2.0) * LUMA_pt, ivec2(1, -1), 0);'));
    expect(inFunction('vec4 g = textureGather(MAIN_raw, p, 2) + textureGather(MAIN_raw, q);')).toBe(inside('vec4 g = kireiGatherMAIN(p, ivec2(0), 2) + kireiGatherMAIN(q, ivec2(0), 0);'));
    // Not a bound texture: left for the compiler to name.
    expect(inFunction('vec4 g = textureGather(weights, p);')).toBe(inside('vec4 g = textureGather(weights, p);'));
  });

  it('initialises globals that read the picture at the start of main(), in their order and under their #ifs', () => {
    const body = [
      '// the colour here',
      'vec4 color = HOOKED_texOff(vec2(0.0, 0.0)); vec2 _where = HOOKED_pos;',
      'const float black = 64.0 / 1023.0;',
      'float strength = 0.5;',
      '#if SHARPEN',
      'float amount = strength * 2.0;',
      '#endif',
      'struct Tap { float weight; };',
      'vec4 hook() { vec4 local = HOOKED_tex(HOOKED_pos); return color * local; }',
    ].join('\n');
    const { body: portable, prologue } = portableHook(body);
    expect(portable).toContain('vec4 color; void kireiGlobal0() { color = HOOKED_texOff(vec2(0.0, 0.0)); }\n#define KIREI_GLOBAL0\n');
    expect(portable).toContain('vec2 _where; void kireiGlobal1() { _where = HOOKED_pos; }');
    expect(portable).toContain('#if SHARPEN\nfloat amount; void kireiGlobal2() { amount = strength * 2.0; }\n#define KIREI_GLOBAL2\n\n#endif');
    // Constants, literals, structs and what lies inside functions stay as they were.
    expect(portable).toContain('const float black = 64.0 / 1023.0;\nfloat strength = 0.5;');
    expect(portable).toContain('struct Tap { float weight; };\nvec4 hook() { vec4 local = HOOKED_tex(HOOKED_pos); return color * local; }');
    expect(prologue).toBe('#ifdef KIREI_GLOBAL0\n  kireiGlobal0();\n#endif\n#ifdef KIREI_GLOBAL1\n  kireiGlobal1();\n#endif\n#ifdef KIREI_GLOBAL2\n  kireiGlobal2();\n#endif');
    expect(portableHook('vec4 hook() { return vec4(1.0); }').prologue).toBe('');
  });

  it('gives linearize and delinearize only to a body that calls them, as macros a file may test for', () => {
    expect(colourFunctions('vec4 hook() { return HOOKED_tex(HOOKED_pos); }')).toBe('');
    const functions = colourFunctions('vec4 hook() { return delinearize(linearize(HOOKED_tex(HOOKED_pos))); }');
    expect(functions).toContain('#define linearize kireiLinearize');
    expect(functions).toContain('#define delinearize kireiDelinearize');
  });
});

describe('GLSL naga refuses, rewritten for it', () => {
  const fragment = (body: string) => `#version 450\nlayout(location = 0) out vec4 colour;\n${body}\nvoid main() { colour = hook(); }`;
  const plainNaga = (glsl: string) => () => translate({ from: 'glsl', source: glsl, parse: { stage: 'fragment' }, to: 'wgsl' });

  it('puts a loop condition that starts with a constructor in parentheses', () => {
    const loop = 'vec4 hook() { float sum = 0.0; for (int i = 2; float(i) < 5.5; i++) { sum += 0.1; } return vec4(sum); }';
    expect(parenthesisedLoopConditions(loop)).toContain('for (int i = 2; (float(i) < 5.5); i++)');
    expect(plainNaga(fragment(loop))).toThrow();
    expect(glslToWgsl(fragment(loop), 'fragment')).toContain('@fragment');
  });

  it('reads a switch whose every case returns as a chain of ifs', () => {
    const mirror = 'vec2 mirror(vec2 p, int d) {\n  switch (int(d)) {\n  case 0: return p;\n  case 1: return p * vec2(1, -1);\n  }\n}\nvec4 hook() { return vec4(mirror(vec2(0.5), 1), 0.0, 1.0); }';
    expect(returningSwitches(mirror)).toContain('if ((int(d)) == (1)) return p * vec2(1, -1);');
    // Cases that break are naga's own kind of switch: left as they are.
    const breaking = 'switch (r) { case 1: t = t.zyxw; break; }';
    expect(returningSwitches(breaking)).toBe(breaking);
    expect(plainNaga(fragment(mirror))).toThrow();
    expect(glslToWgsl(fragment(mirror), 'fragment')).toContain('@fragment');
  });

  it('closes a function that may run off its end with a return', () => {
    const runsOff = 'float pick(int d) {\n  if (d == 0) { return 1.0; }\n  if (d == 1) { return 0.5; }\n}\nvec4 hook() { return vec4(pick(1)); }';
    expect(closingReturns(runsOff)).toContain('return 0.5; }\n return float(0); }');
    expect(plainNaga(fragment(runsOff))).toThrow(/'pick' is invalid/);
    expect(glslToWgsl(fragment(runsOff), 'fragment')).toContain('@fragment');
  });

  it('applies a scalar modulus to each component of a vector, as GLSL does', () => {
    const cells = 'vec4 hook() { ivec2 cell = ivec2(gl_FragCoord.xy) % 2; uvec3 three = uvec3(7u, 8u, 9u); uvec3 rest = 5u % three; return vec4(vec2(cell), vec2(rest.xy)); }';
    expect(plainNaga(fragment(cells))).toThrow();
    expect(glslToWgsl(fragment(cells), 'fragment')).toContain('@fragment');
  });

  it('still names the line of what it cannot read', () => {
    expect(() => glslToWgsl(fragment('vec4 hook() { return undefinedThing; }'), 'fragment')).toThrow(/undefinedThing/);
  });
});
