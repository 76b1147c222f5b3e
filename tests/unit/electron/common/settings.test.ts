import { describe, expect, it } from 'vitest';
import { pageSettingsPatchSchema, settingsPatchSchema, settingsSchema } from '../../../../electron/common/settings';

describe('settings patches', () => {
  it('carry only the groups they name: a change of one never resets another to its default', () => {
    const patch = { compare: { enabled: true, position: 0.5, left: null } };
    expect(pageSettingsPatchSchema.parse(patch)).toEqual(patch);
    expect(settingsPatchSchema.parse({ subtitles: { scale: 1.5 } })).toEqual({ subtitles: { scale: 1.5 } });
  });

  it('fill in the groups an older settings file lacks', () => {
    const stored = settingsSchema.parse({
      upscaling: { backend: 'auto', rules: [], tier: 'auto', measuredTier: null, seriesOverrides: {}, scaler: 'bilinear', referenceScaler: 'bilinear', governor: true },
      compare: { enabled: false, position: 0.5 },
      player: { volume: 50, muted: false },
      inputConf: '',
      screenshotFolder: null,
      ffmpeg: { ffmpeg: null, ffprobe: null },
    });
    expect(stored).toMatchObject({ shaderFolder: null, shaders: { chains: [] }, audio: { languageBySeries: {} }, subtitles: { scale: 1 }, compare: { left: null } });
  });

  it('refuse two chains of one name, and a chain file outside the shaders folder', () => {
    expect(pageSettingsPatchSchema.safeParse({ shaders: { chains: [{ name: 'A', files: ['a.glsl'] }, { name: 'A', files: ['b.glsl'] }] } }).success).toBe(false);
    expect(pageSettingsPatchSchema.safeParse({ shaders: { chains: [{ name: 'A', files: ['../a.glsl'] }] } }).success).toBe(false);
    expect(pageSettingsPatchSchema.safeParse({ shaderFolder: '/tmp' }).success).toBe(false);
  });
});
