import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPasses } from '../../../renderer/upscale/planner';
import { closingReturns, parenthesisedLoopConditions, returningSwitches } from '../../../renderer/upscale/userShaders/naga';
import { portableHook } from '../../../renderer/upscale/userShaders/portableGlsl';
import { UserShaderError, userShaderPasses } from '../../../renderer/upscale/userShaders/userPasses';
import { check } from './fuzzConfig';

/** Lines of an mpv shader file: real directives, expressions and GLSL mixed with noise. */
const shaderLine = fc.oneof(
  fc.constantFrom(
    '//!HOOK MAIN', '//!HOOK LUMA', '//!HOOK POSTKERNEL', '//!HOOK CHROMA', '//!BIND HOOKED', '//!BIND LUMA', '//!BIND PREKERNEL', '//!SAVE RESULT', '//!BIND RESULT',
    '//!DESC a pass', '//!COMPONENTS 1', '//!COMPONENTS 4', '//!WIDTH HOOKED.w 2 *', '//!HEIGHT OUTPUT.h', '//!WHEN OUTPUT.w HOOKED.w 1.2 * >', '//!WHEN NATIVE_CROPPED.h POSTKERNEL.h >',
    '//!OFFSET ALIGN', '//!OFFSET -0.5 0.5', '//!COMPUTE 16 16 8 8', '//!PARAM strength', '//!TYPE float', '//!MINIMUM 0.0', '//!MAXIMUM 1.0', '0.5',
    '//!TEXTURE WEIGHTS', '//!SIZE 2 1', '//!FORMAT rgba8', '//!FILTER LINEAR', '00ff00ff00ff00ff',
    'vec4 hook() { return HOOKED_tex(HOOKED_pos); }', 'vec4 color = HOOKED_texOff(0);', 'float k = 1;',
    'vec4 g = textureGatherOffset(HOOKED_raw, HOOKED_pos, ivec2(1, 0), 0);', '#extension GL_EXT_shader_explicit_arithmetic_types_float16 : enable', 'f16vec4 h;',
    'switch (d) { case 0: return p; case 1: return -p; }', 'for (int i = 0; float(i) < 3.0; i++) {', '}', '#if X', '#endif', '',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'/!{}()[];=*+-.,#<>&|^%~ \t0123456789abcdefHOOKEDvc_'.split('')), maxLength: 60 }),
);

describe('fuzz: mpv shader files', () => {
  it('a file is read, planned, or refused with its line and why; nothing else escapes', async () => {
    await check(
      'mpv shader files',
      fc.property(fc.array(shaderLine, { maxLength: 40 }), (lines) => {
        try {
          const passes = userShaderPasses([{ name: 'fuzzed.glsl', text: lines.join('\n') }]);
          try {
            planPasses(passes, { width: 64, height: 36 }, { width: 128, height: 72 });
          } catch (error) {
            // A plan may be refused (a size beyond the limit, an expression reading what is not there), in words.
            return error instanceof Error && error.message.length > 0 && !/undefined|TypeError/.test(error.message);
          }
          return true;
        } catch (error) {
          return error instanceof UserShaderError && error.line >= 1 && error.reason.length > 0;
        }
      }),
    );
  });

  it('the rewrites for WebGL2 and naga take any text without throwing', async () => {
    await check(
      'GLSL rewrites',
      fc.property(fc.array(shaderLine, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const portable = portableHook(text);
        closingReturns(returningSwitches(parenthesisedLoopConditions(portable.body)));
        return typeof portable.prologue === 'string';
      }),
    );
  });

  it('reads in one pass what would stall a regular expression: long runs of comments, calls, switches and braces', () => {
    const long = 64_000;
    const shapes = [
      '/**/ '.repeat(long) + 'x;',
      'float ' + 'a '.repeat(long) + ';',
      'textureGather('.repeat(long),
      'textureGather(weights, '.repeat(long) + ')'.repeat(long),
      'float f() {'.repeat(long),
      'switch (x) {' + ' case 1: return 1;'.repeat(long) + ' case 2: x = 1; }',
      'for (' + 'a(b)'.repeat(long) + ';',
    ];
    for (const shape of shapes) {
      const portable = portableHook(shape);
      expect(closingReturns(returningSwitches(parenthesisedLoopConditions(portable.body))).length).toBeGreaterThanOrEqual(shape.length / 2);
    }
  });
});
