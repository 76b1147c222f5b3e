import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../electron/common/settings';
import { choosePreset, effectiveTier } from '../../../../renderer/upscale/presetChoice';

const upscaling = defaultSettings().upscaling;

describe('choosePreset', () => {
  it('starts light while the graphics card is not measured yet: Fast where the mode has it', () => {
    expect(choosePreset(upscaling, 1080).preset).toEqual({ kind: 'cnn', mode: 'A', tier: 'fast' });
  });

  const measuredHq = { ...upscaling, measuredTier: { gpu: 'GPU', tier: 'hq' as const } };
  it.each([
    [360, 'cnn:C:hq', '360p source → Anime4K Mode C · HQ'],
    [480, 'cnn:C:hq', '480p source → Anime4K Mode C · HQ'],
    [576, 'cnn:B:hq', '576p source → Anime4K Mode B · HQ'],
    [720, 'cnn:B:hq', '720p source → Anime4K Mode B · HQ'],
    [1080, 'cnn:A:hq', '1080p source → Anime4K Mode A · HQ'],
    [2160, 'off', '2160p source → Off (no rule for it)'],
  ])('a %ip source gets %s by default on a card measured for HQ', (height, key, reason) => {
    const choice = choosePreset(measuredHq, height);
    const preset = choice.preset;
    expect(preset.kind === 'cnn' ? `cnn:${preset.mode}:${preset.tier}` : preset.kind).toBe(key);
    expect(choice.reason).toBe(reason);
  });

  it('uses the measured tier when the tier is automatic, and the nearest tier a mode has', () => {
    const measured = { ...upscaling, measuredTier: { gpu: 'GPU', tier: 'fast' as const } };
    expect(choosePreset(measured, 1080).preset).toEqual({ kind: 'cnn', mode: 'A', tier: 'fast' });
    // Mode C has no Fast tier of its own: HQ it is.
    expect(choosePreset(measured, 480).preset).toEqual({ kind: 'cnn', mode: 'C', tier: 'hq' });
    expect(effectiveTier({ ...upscaling, tier: 'ultra' }, ['hq'])).toBe('hq');
  });

  it('puts the viewer’s choice first, then the series override', () => {
    const withSeries = { ...upscaling, seriesOverrides: { frieren: { kind: 'classic' as const } } };
    expect(choosePreset(withSeries, 1080, { seriesKey: 'frieren' }).reason).toBe('Series setting → Anime4K Classic');
    expect(choosePreset(withSeries, 1080, { seriesKey: 'frieren', manual: { kind: 'off' } }).reason).toBe('Chosen by you → Off');
  });

  it('follows edited rules in order', () => {
    const rules = [{ maximumHeight: 2160, preset: { kind: 'classic' as const } }];
    expect(choosePreset({ ...upscaling, rules }, 2160).preset).toEqual({ kind: 'classic' });
  });
});
