import { describe, expect, it } from 'vitest';
import type { PictureEstimate } from '../../../../electron/common/picture';
import { defaultSettings } from '../../../../electron/common/settings';
import { choosePreset } from '../../../../renderer/upscale/presetChoice';
import { pictureMode } from '../../../../renderer/upscale/pictureChoice';

function estimate(overrides: Partial<PictureEstimate>): PictureEstimate {
  return { fileHeight: 1080, drawnHeight: null, kernel: null, confidence: 0, edgeWidth: 2, noise: 0.3, blockiness: 1.2, banding: 0.3, frames: 6, seconds: 3, source: 'file', ...overrides };
}

const drawnAt720Soft = estimate({ drawnHeight: 720, kernel: 'bilinear', confidence: 0.93, edgeWidth: 2.9 });

describe('the mode the picture asks for (the README table)', () => {
  it.each([
    ['drawn at 720p, soft lines', drawnAt720Soft, 'A'],
    ['drawn at 864p, sharp lines', estimate({ drawnHeight: 864, kernel: 'lanczos 3', confidence: 0.8, edgeWidth: 2.1 }), 'B'],
    ['drawn at 540p', estimate({ drawnHeight: 540, kernel: 'bicubic b=0 c=0.5', confidence: 0.9, edgeWidth: 3.4 }), 'C'],
    ['native 1080p, sharp', estimate({}), 'classic'],
    ['native 1080p, soft', estimate({ edgeWidth: 2.8 }), 'A'],
    ['native 720p', estimate({ fileHeight: 720 }), 'B'],
    ['heavy noise', estimate({ drawnHeight: 720, confidence: 0.9, edgeWidth: 2.9, noise: 4 }), 'C'],
    ['an unsure height counts as native', estimate({ drawnHeight: 720, confidence: 0.05, edgeWidth: 2.1 }), 'classic'],
  ])('%s → %s', (_name, picture, mode) => {
    expect(pictureMode(picture).mode).toBe(mode);
  });
});

describe('where the picture stands among the viewer choices', () => {
  const upscaling = { ...defaultSettings().upscaling, tier: 'hq' as const };

  it('gives the reason in words, with the drawn height and its confidence', () => {
    const choice = choosePreset(upscaling, 1080, { picture: drawnAt720Soft });
    expect(choice.preset).toEqual({ kind: 'cnn', mode: 'A', tier: 'hq' });
    expect(choice.reason).toBe('1080p file, drawn at 720p (confidence 0.93), soft lines → Anime4K Mode A · HQ');
  });

  it('yields to the viewer’s pick, the series setting, their own rules and the switch', () => {
    const picture = estimate({ drawnHeight: 540, confidence: 0.9, edgeWidth: 3.4 });
    expect(choosePreset(upscaling, 1080, { picture, manual: { kind: 'classic' } }).preset).toEqual({ kind: 'classic' });
    expect(choosePreset({ ...upscaling, seriesOverrides: { show: { kind: 'off' } } }, 1080, { picture, seriesKey: 'show' }).preset).toEqual({ kind: 'off' });
    const ownRules = { ...upscaling, rules: [{ maximumHeight: 2160, preset: { kind: 'classic' as const } }] };
    expect(choosePreset(ownRules, 1080, { picture }).preset).toEqual({ kind: 'classic' });
    expect(choosePreset({ ...upscaling, fromPicture: false }, 1080, { picture }).reason).toBe('1080p source → Anime4K Mode A · HQ');
    expect(choosePreset(upscaling, 1080, { picture }).preset).toMatchObject({ mode: 'C' });
  });
});
