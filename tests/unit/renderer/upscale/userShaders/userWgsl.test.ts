import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userShaderPasses } from '../../../../../renderer/upscale/userShaders/userPasses';
import { reverseSharedDimensions, userComputeShader, userFragmentShader } from '../../../../../renderer/upscale/webgpu/userWgsl';

const shaders = path.resolve(import.meta.dirname, '../../../../../../shared/corpus/mpv-shaders');

describe('mpv shader files for WebGPU', () => {
  it('translates every pass the WebGL2 stage runs into a WGSL fragment shader', async () => {
    for (const file of ['anime4k/Restore/Anime4K_Clamp_Highlights.glsl', 'anime4k/Upscale/Anime4K_Upscale_CNN_x2_M.glsl', 'ravu/ravu-lite-ar-r4.hook', 'other/adaptive-sharpen.glsl', 'other/SSimSuperRes.glsl']) {
      const passes = userShaderPasses([{ name: path.basename(file), text: await readFile(path.join(shaders, file), 'utf8') }]);
      for (const pass of passes) {
        if (pass.program.kind !== 'user') continue;
        const translated = (() => {
          try {
            return userFragmentShader(pass, pass.program);
          } catch (error) {
            return `${file}: ${pass.description}: ${String(error)}`;
          }
        })();
        expect(translated, `${file}: ${pass.description}`).toContain('@fragment');
      }
    }
  });

  it('translates compute passes with their tiles laid out as GLSL means them', async () => {
    const passes = userShaderPasses([{ name: 'ArtCNN_C4F16.glsl', text: await readFile(path.join(shaders, 'artcnn/ArtCNN_C4F16.glsl'), 'utf8') }]);
    const first = passes[0];
    if (first?.program.kind !== 'user') throw new Error('no user pass');
    const wgsl = userComputeShader(first.program, first.program.binds.length);
    // F inp[1][isize.y][isize.x] with a 12×16 workgroup and a 3×3 kernel: 1 tile of 18 rows of 14.
    expect(wgsl).toContain('var<workgroup> inp: array<array<array<f32, 14>, 18>, 1>;');
    expect(wgsl).toContain('@compute @workgroup_size(12, 16, 1)');
    expect(wgsl).not.toMatch(/subgroupBarrier|textureBarrier/);
    expect(reverseSharedDimensions('shared F G[2][10][12];\nshared float one[4];')).toBe('shared F G[12][10][2];\nshared float one[4];');
  });

  it('reads `frame` and `random` from the sizes the pipeline writes per frame, and lets a shader shadow them', () => {
    const grain = '//!HOOK MAIN\n//!BIND HOOKED\n//!DESC grain\nvec4 hook() { vec4 colour = HOOKED_tex(HOOKED_pos); return colour + 0.05 * (random - 0.5) + 0.01 * float(frame % 3); }';
    const shadow = '//!HOOK MAIN\n//!BIND HOOKED\n//!DESC shadow\nvec4 hook() { vec4 frame = HOOKED_tex(HOOKED_pos); float random = 0.5; return frame * random; }';
    for (const text of [grain, shadow]) {
      const [pass] = userShaderPasses([{ name: 'time.glsl', text }]);
      if (pass?.program.kind !== 'user') throw new Error('no user pass');
      const wgsl = userFragmentShader(pass, pass.program);
      expect(wgsl).toContain('@fragment');
      // main() copies the third and fourth numbers of the sizes' second vector into the globals.
      expect(wgsl).toMatch(/frame\w* = i32\(_e\d+\.output\.z\);/);
      expect(wgsl).toMatch(/random\w* = _e\d+\.output\.w;/);
    }
  });
});
