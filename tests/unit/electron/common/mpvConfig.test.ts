import { describe, expect, it } from 'vitest';
import { parseMpvShaderConfig } from '../../../../electron/common/mpvConfig';

describe('parseMpvShaderConfig', () => {
  it('reads Anime4K’s input.conf: each key’s list becomes a chain named by the text it shows', () => {
    const text = [
      'CTRL+1 no-osd change-list glsl-shaders set "~~/shaders/Anime4K_Clamp_Highlights.glsl:~~/shaders/Anime4K_Restore_CNN_VL.glsl:~~/shaders/Anime4K_Upscale_CNN_x2_VL.glsl"; show-text "Anime4K: Mode A (HQ)"',
      'CTRL+2 no-osd change-list glsl-shaders set "~~/shaders/Anime4K_Upscale_CNN_x2_M.glsl"; show-text "Anime4K: Mode A (HQ)"',
      'CTRL+0 no-osd change-list glsl-shaders clr ""; show-text "GLSL shaders cleared"',
      'CTRL+3 no-osd change-list glsl-shaders toggle "~~/shaders/x.glsl"',
      'f cycle fullscreen # not about shaders',
    ].join('\n');
    const parsed = parseMpvShaderConfig(text, 'input.conf');
    expect(parsed.chains).toEqual([
      { name: 'Anime4K: Mode A (HQ)', key: 'Ctrl+1', files: ['Anime4K_Clamp_Highlights.glsl', 'Anime4K_Restore_CNN_VL.glsl', 'Anime4K_Upscale_CNN_x2_VL.glsl'] },
      { name: 'Anime4K: Mode A (HQ) (Ctrl+2)', key: 'Ctrl+2', files: ['Anime4K_Upscale_CNN_x2_M.glsl'] },
    ]);
    expect(parsed.clearKeys).toEqual(['Ctrl+0']);
    expect(parsed.skipped.join('\n')).toMatch(/line 4: .*toggle.*only whole lists/);
  });

  it('reads the Windows form (; between paths) and mpv.conf’s glsl-shaders with -append', () => {
    const windows = parseMpvShaderConfig('CTRL+1 no-osd change-list glsl-shaders set "~~/shaders/a.glsl;~~/shaders/sub/b.hook"', 'input.conf');
    expect(windows.chains[0]?.files).toEqual(['a.glsl', 'sub/b.hook']);
    expect(windows.chains[0]?.name).toBe('Shaders on Ctrl+1');
    const conf = parseMpvShaderConfig('profile=gpu-hq\nglsl-shaders="~~/shaders/ravu-lite-ar-r4.hook"\nglsl-shaders-append="~~/shaders/adaptive-sharpen.glsl"\n', 'mpv.conf');
    expect(conf.chains).toEqual([{ name: 'mpv.conf shaders', key: null, files: ['ravu-lite-ar-r4.hook', 'adaptive-sharpen.glsl'] }]);
  });

  it('refuses paths outside the shaders folder and ways out of it, naming the line', () => {
    const parsed = parseMpvShaderConfig(
      ['a change-list glsl-shaders set "/etc/passwd.glsl:~~/shaders/../../secret.glsl:C:\\Users\\x\\evil.glsl"', 'b change-list glsl-shaders set "~~/shaders/good.glsl"'].join('\n'),
      'input.conf',
    );
    expect(parsed.chains).toEqual([{ name: 'Shaders on b', key: 'b', files: ['good.glsl'] }]);
    expect(parsed.skipped.length).toBeGreaterThanOrEqual(3);
    expect(parsed.skipped[0]).toMatch(/^input\.conf, line 1: “\/etc\/passwd\.glsl” is not in the shaders folder$/);
  });
});
