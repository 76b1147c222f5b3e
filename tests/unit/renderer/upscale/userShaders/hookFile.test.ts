import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HookFileError, hookFileLimits, parseHookFile } from '../../../../../renderer/upscale/userShaders/hookFile';
import { evaluateRpn, parseRpn } from '../../../../../renderer/upscale/userShaders/rpn';

const shaders = path.resolve(import.meta.dirname, '../../../../../../shared/corpus/mpv-shaders');

async function shaderFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /\.(glsl|hook)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}

const read = (relative: string) => readFile(path.join(shaders, relative), 'utf8');

/** The refusal a text gets, as the viewer reads it. */
function refusal(text: string): string {
  try {
    parseHookFile(text);
  } catch (error) {
    if (error instanceof HookFileError) return error.message;
    throw error;
  }
  throw new Error('the text was accepted');
}

describe('reading mpv user-shader files', () => {
  it('reads every shader file users keep, with every pass hooked somewhere', async () => {
    const files = await shaderFiles(shaders);
    expect(files.length).toBeGreaterThanOrEqual(59);
    let passes = 0;
    for (const file of files) {
      const parsed = parseHookFile(await readFile(file, 'utf8'));
      for (const pass of parsed.passes) expect(pass.hooks.length, file).toBeGreaterThan(0);
      passes += parsed.passes.length;
    }
    // The corpus's own count of //!HOOK blocks.
    expect(passes).toBe(716);
  });

  it('reads an Anime4K CNN file into its chain of saved textures, sizes and conditions', async () => {
    const file = parseHookFile(await read('anime4k/Upscale/Anime4K_Upscale_CNN_x2_M.glsl'));
    const [first] = file.passes;
    const last = file.passes.at(-1);
    expect(first).toMatchObject({ hooks: ['MAIN'], binds: ['MAIN'], save: 'conv2d_tf', components: 4, description: 'Anime4K-v3.2-Upscale-CNN-x2-(M)-Conv-4x3x3x3' });
    expect(first?.when?.source).toBe('OUTPUT.w MAIN.w / 1.200 > OUTPUT.h MAIN.h / 1.200 > *');
    expect(last?.save).toBe('MAIN');
    expect(last?.width?.source).toBe('conv2d_last_tf.w 2 *');
    expect(first?.body).toContain('vec4 hook()');
    // The body's first line number, for the compiler's messages.
    const text = await read('anime4k/Upscale/Anime4K_Upscale_CNN_x2_M.glsl');
    expect(text.split('\n')[(first?.bodyLine ?? 0) - 2]).toMatch(/^\/\/!/);
    expect(text.split('\n')[(first?.bodyLine ?? 0) - 1]).not.toMatch(/^\/\/!/);
  });

  it('reads RAVU’s look-up texture, compute passes and CfL’s parameters and alignment', async () => {
    const ravu = parseHookFile(await read('ravu/ravu-lite-ar-r4.hook'));
    expect(ravu.textures).toHaveLength(1);
    expect(ravu.textures[0]).toMatchObject({ name: 'ravu_lite_lut4', width: 25, height: 288, format: { components: 4, type: 'float16' }, filter: 'nearest', border: 'clamp' });
    // Written as 32-bit floats although the format is 16-bit float; the weights are small numbers.
    const texels = ravu.textures[0]?.texels ?? new Float32Array();
    expect(texels).toHaveLength(25 * 288 * 4);
    expect(Math.max(...texels.map(Math.abs))).toBeLessThan(2);
    expect(texels.some((value) => value !== 0)).toBe(true);
    const compute = parseHookFile(await read('ravu/compute/ravu-lite-ar-r4.hook'));
    expect(compute.passes.some((pass) => pass.compute !== null)).toBe(true);
    const artcnn = parseHookFile(await read('artcnn/ArtCNN_C4F16.glsl'));
    expect(artcnn.passes.every((pass) => pass.hooks.includes('LUMA'))).toBe(true);
    expect(artcnn.passes.find((pass) => pass.compute)?.compute).toMatchObject({ blockWidth: expect.any(Number) as number });
    const cfl = parseHookFile(await read('other/CfL_Prediction.glsl'));
    expect(cfl.parameters.map(({ name, type, minimum, value }) => ({ name, type, minimum, value }))).toEqual([
      { name: 'chroma_offset_x', type: 'float', minimum: null, value: 0 },
      { name: 'chroma_offset_y', type: 'float', minimum: null, value: 0 },
      { name: 'distance_coeff', type: 'float', minimum: 0, value: 2 },
      { name: 'intensity_coeff', type: 'float', minimum: 0, value: 128 },
    ]);
    expect(cfl.passes.some((pass) => pass.offset === 'align')).toBe(true);
  });

  it('refuses what it does not know with the line and the reason', () => {
    const pass = '//!HOOK MAIN\n//!BIND HOOKED\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n';
    expect(refusal(`${pass}//!HOOK MAIN\n//!BIND HOOKED\n//!SPARKLE yes\nvec4 hook() { return vec4(1.0); }\n`)).toBe(
      'line 6: //!SPARKLE is not a directive of a hook pass (HOOK, BIND, SAVE, DESC, COMPONENTS, WIDTH, HEIGHT, WHEN, OFFSET, COMPUTE)',
    );
    expect(refusal('//!BIND HOOKED\nvec4 hook() { return vec4(0.0); }\n')).toBe('line 1: this pass names no //!HOOK: it would never run');
    expect(refusal(`//!HOOK MAIN\n//!WHEN OUTPUT.w *\n${pass.slice(13)}`)).toBe('line 2: //!WHEN: “*” needs two values before it');
    expect(refusal(`//!HOOK MAIN\n//!WIDTH MAIN.w 2 * 3\n${pass.slice(13)}`)).toBe('line 2: //!WIDTH: the expression leaves 2 values instead of one');
    expect(refusal(`${pass}//!TEXTURE lut\n//!SIZE 2 1\n//!FORMAT rgba8\n00ff00ff\n`)).toBe('line 7: the texture lut needs 8 bytes of data; the file gives 4');
    expect(refusal(`${pass}//!TEXTURE lut\n//!SIZE 2 1\n//!FORMAT bgra4\n00ff00ff\n`)).toMatch(/^line 6: the texture format “bgra4” is not supported/);
    // A half-float texture read from half floats: 1.0 and -2.0.
    expect(parseHookFile(`${pass}//!TEXTURE lut\n//!SIZE 2 1\n//!FORMAT r16f\n003c00c0\n`).textures[0]?.texels).toEqual(new Float32Array([1, -2]));
    expect(refusal(`${pass}//!TEXTURE lut\n//!SIZE 99999 1\n00\n`)).toBe('line 5: the width must be a whole number from 1 to 8192, not 99999');
    expect(refusal(`${pass}//!PARAM strength\n//!TYPE ENUM float\nlow\nhigh\n`)).toBe('line 5: enumerated parameters (//!TYPE ENUM) are not supported');
    // libplacebo's bare DEFINE is an integer the GLSL reads as a #define.
    expect(parseHookFile(`${pass}//!PARAM taps\n//!TYPE DEFINE\n//!MAXIMUM 8\n4\n`).parameters[0]).toMatchObject({ name: 'taps', type: 'int', mode: 'define', value: 4 });
    expect(refusal(`${pass}//!PARAM strength\n//!TYPE int\n//!MAXIMUM 4\n5\n`)).toBe('line 7: the default of strength (5) lies outside its own range');
    expect(refusal(`//!BUFFER state\n//!VAR float x\n${pass}`)).toBe('line 1: shared buffers (//!BUFFER) are not supported');
    expect(refusal(`//!HOOK MAIN\n//!COMPUTE 64 64\n${pass.slice(13)}`)).toBe('line 2: //!COMPUTE asks for 4096 threads per group; at most 1024');
    expect(refusal('')).toBe('line 1: the file has no //!HOOK pass');
    expect(refusal('/* a licence */\nfloat x = 1.0;\n')).toBe('line 1: the file has no //!HOOK pass');
    expect(refusal(`//!HOOK MAIN\n${'x'.repeat(hookFileLimits.bytes)}`)).toBe('line 1: the file is larger than 16 MB');
  });
});

describe('size and condition expressions', () => {
  const scope = {
    size: (name: string) => ({ MAIN: { width: 960, height: 540 }, OUTPUT: { width: 1920, height: 1080 } })[name] ?? null,
    variable: (name: string) => ({ strength: 0.5 })[name] ?? null,
  };

  it('evaluates as libplacebo does: floats, comparisons as 1 or 0, ! as not', () => {
    const when = parseRpn('OUTPUT.w MAIN.w / 1.200 > OUTPUT.h MAIN.h / 1.200 > *');
    expect(evaluateRpn(when, scope)).toBe(1);
    expect(evaluateRpn(when, { ...scope, size: (name) => (name === 'OUTPUT' ? { width: 1000, height: 560 } : scope.size(name)) })).toBe(0);
    expect(evaluateRpn(parseRpn('MAIN.width 2 * MAIN.height -'), scope)).toBe(1380);
    expect(evaluateRpn(parseRpn('MAIN.w 7 %'), scope)).toBe(960 % 7);
    expect(evaluateRpn(parseRpn('strength 0.5 = !'), scope)).toBe(0);
    expect(evaluateRpn(parseRpn('HOOKED.w 2 /'), { ...scope, size: () => ({ width: 3, height: 3 }) })).toBe(1.5);
  });

  it('says what it cannot read', () => {
    expect(() => evaluateRpn(parseRpn('LUMA.w 2 *'), scope)).toThrow('“LUMA.w 2 *” reads the size of LUMA, which is not available here');
    expect(() => evaluateRpn(parseRpn('missing 2 *'), scope)).toThrow('reads missing, which is neither a texture nor a parameter');
    expect(() => parseRpn('MAIN.depth')).toThrow('“MAIN.depth” is neither a number');
  });
});
