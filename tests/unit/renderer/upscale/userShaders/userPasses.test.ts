import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planPasses } from '../../../../../renderer/upscale/planner';
import { UserShaderError, userShaderPasses } from '../../../../../renderer/upscale/userShaders/userPasses';

const shaders = path.resolve(import.meta.dirname, '../../../../../../shared/corpus/mpv-shaders');
const source = async (relative: string) => ({ name: path.basename(relative), text: await readFile(path.join(shaders, relative), 'utf8') });

describe('mpv shader files as passes of the pipeline', () => {
  it('plans Anime4K’s upscaler by its own sizes and conditions, per output size', async () => {
    const passes = userShaderPasses([await source('anime4k/Upscale/Anime4K_Upscale_CNN_x2_M.glsl')]);
    const doubled = planPasses(passes, { width: 960, height: 540 }, { width: 1920, height: 1080 });
    expect(doubled.passes).toHaveLength(passes.length);
    expect(doubled.result).toMatchObject({ width: 1920, height: 1080 });
    // Only 1.1× bigger: the file's WHEN (OUTPUT / MAIN > 1.2) skips every pass, as mpv does.
    expect(planPasses(passes, { width: 960, height: 540 }, { width: 1056, height: 594 }).passes).toHaveLength(0);
  });

  it('puts the scaler into the plan for hooks after it, with PREKERNEL still readable', async () => {
    const passes = userShaderPasses([await source('other/SSimSuperRes.glsl')]);
    const plan = planPasses(passes, { width: 640, height: 360 }, { width: 1280, height: 720 });
    expect(plan.passes[0]?.definition).toMatchObject({ description: 'Scale to the output', program: { kind: 'scale', scaler: 'bilinear' } });
    expect(plan.passes[0]?.output).toMatchObject({ width: 1280, height: 720 });
    // SSSR's passes at the source size (NATIVE_CROPPED) read the picture from before the scaler.
    const variance = plan.passes.find((pass) => pass.definition.description === 'SSSR var');
    expect(variance?.output).toMatchObject({ width: 640, height: 360 });
    expect(variance?.inputs[0]).toMatchObject({ width: 640, height: 360 });
    expect(plan.result).toMatchObject({ width: 1280, height: 720 });
  });

  it('makes LUMA and CHROMA from the picture for plane hooks and merges them back at LUMA’s new size', async () => {
    const passes = userShaderPasses([await source('ravu/ravu-lite-ar-r4.hook')]);
    const plan = planPasses(passes, { width: 640, height: 360 }, { width: 1280, height: 720 });
    expect(plan.passes.map((pass) => [pass.definition.description, pass.output.width, pass.output.height])).toEqual([
      ['LUMA plane', 640, 360],
      ['CHROMA planes', 640, 360],
      ['RAVU-Lite-AR (step1, r4)', 640, 360],
      ['RAVU-Lite-AR (step2, r4)', 1280, 720],
      ['Planes to RGB', 1280, 720],
    ]);
    // The look-up texture travels with the pass that binds it, not as a texture of the plan.
    const step1 = plan.passes[2]?.definition.program;
    expect(step1?.kind === 'user' && step1.textures.map((texture) => [texture.name, texture.width, texture.height])).toEqual([['ravu_lite_lut4', 25, 288]]);
    expect(plan.passes[2]?.inputs).toHaveLength(1);
    // Not upscaling: RAVU's WHEN skips it and the planes go back unchanged.
    expect(planPasses(passes, { width: 640, height: 360 }, { width: 640, height: 360 }).passes.map((pass) => pass.definition.description)).toEqual(['LUMA plane', 'CHROMA planes', 'Planes to RGB']);
  });

  it('names the file and the line of what it cannot run yet', async () => {
    const refusal = async (relative: string) => {
      try {
        userShaderPasses([await source(relative)]);
      } catch (error) {
        if (error instanceof UserShaderError) return error.message;
        throw error;
      }
      return 'accepted';
    };
    // Compute passes are accepted here; WebGL2 refuses them when it compiles (it has no compute shaders).
    expect(await refusal('artcnn/ArtCNN_C4F16.glsl')).toBe('accepted');
    // Chroma from luma needs the decoder's 4:2:0 planes: listed as not applicable, never a silent no-op.
    expect(await refusal('other/CfL_Prediction.glsl')).toBe(
      'CfL_Prediction.glsl, line 34: “Chroma From Luma Prediction (Hermite 1st step, Downscaling Luma)” runs only on subsampled (4:2:0) chroma (//!WHEN CHROMA.w LUMA.w <); Kirei’s chroma is full size, made from the decoded RGB picture, so this file is not applicable here',
    );
    // Offsets go to the planner, which carries them to the next scaler; after the scaler nothing would undo them.
    const pass = (offset: string, hook = 'MAIN') => [{ name: 'offset.glsl', text: `//!HOOK ${hook}\n//!BIND HOOKED\n//!OFFSET ${offset}\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n` }];
    expect(userShaderPasses(pass('ALIGN'))[0]?.offset).toBe('align');
    expect(userShaderPasses(pass('0.5 -0.5', 'LUMA'))[0]?.offset).toEqual({ x: 0.5, y: -0.5 });
    expect(() => userShaderPasses(pass('0.5 -0.5', 'OUTPUT'))).toThrow(
      'offset.glsl, line 1: “offset.glsl pass 1” shifts its result by 0.5, -0.5 pixels (//!OFFSET) at OUTPUT, after the scaler, where no later scaler undoes the shift',
    );
    expect(await refusal('ravu/ravu-lite-ar-r4.hook')).toBe('accepted');
    expect(() => userShaderPasses([{ name: 'mine.glsl', text: '//!HOOK MAIN\n//!BIND SOMETHING\nvec4 hook() { return vec4(0.0); }\n' }])).toThrow(
      'mine.glsl, line 1: “mine.glsl pass 1” reads SOMETHING, which no earlier pass saved and Kirei does not provide',
    );
  });

  it('runs //!PARAM settings at the viewer’s values, kept inside the file’s range', () => {
    const text = '//!PARAM strength\n//!TYPE float\n//!MINIMUM 0.0\n//!MAXIMUM 1.0\n0.5\n\n//!PARAM taps\n//!TYPE int\n//!MINIMUM 1\n4\n\n//!HOOK MAIN\n//!BIND HOOKED\nvec4 hook() { return HOOKED_tex(HOOKED_pos) * strength; }\n';
    const defines = (parameters?: Record<string, number>) => {
      const program = userShaderPasses([{ name: 'tint.glsl', text, ...(parameters ? { parameters } : {}) }])[0]?.program;
      return program?.kind === 'user' ? program.defines : null;
    };
    expect(defines()).toEqual([['strength', '0.5'], ['taps', '4']]);
    expect(defines({ strength: 0.25, taps: 6.6 })).toEqual([['strength', '0.25'], ['taps', '7']]);
    expect(defines({ strength: 3, taps: -2 })).toEqual([['strength', '1.0'], ['taps', '1']]);
  });
});
