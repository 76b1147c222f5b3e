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
    expect(await refusal('artcnn/ArtCNN_C4F16.glsl')).toMatch(/^ArtCNN_C4F16\.glsl, line 28: “ArtCNN C4F16.*” is a compute pass; compute passes are not supported yet$/);
    expect(await refusal('other/CfL_Prediction.glsl')).toMatch(/^CfL_Prediction\.glsl, line \d+: .* hooks CHROMA; Kirei runs MAIN, PREKERNEL, POSTKERNEL, SCALED, OUTPUT hooks so far$/);
    expect(await refusal('ravu/ravu-lite-ar-r4.hook')).toBe('ravu-lite-ar-r4.hook, line 294: look-up textures (//!TEXTURE ravu_lite_lut4) are not supported yet');
    expect(() => userShaderPasses([{ name: 'mine.glsl', text: '//!HOOK MAIN\n//!BIND SOMETHING\nvec4 hook() { return vec4(0.0); }\n' }])).toThrow(
      'mine.glsl, line 1: “mine.glsl pass 1” reads SOMETHING, which no earlier pass saved and Kirei does not provide',
    );
  });
});
