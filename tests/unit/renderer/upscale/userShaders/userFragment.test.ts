import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userShaderPasses } from '../../../../../renderer/upscale/userShaders/userPasses';
import { userFragmentShader } from '../../../../../renderer/upscale/webgpu/userFragment';

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
});
