import type { PictureEstimate } from '../../electron/common/picture';
import type { Settings } from '../../electron/common/settings';
import { ownRules } from '../../electron/common/settings';
import type { UpscalePreset, UpscaleTier } from '../../electron/common/upscaling';
import { presetLabel } from '../../electron/common/upscaling';
import { pictureMode, pictureReason } from './pictureChoice';
import { tiersOf } from './presets';

export interface PresetChoice {
  preset: UpscalePreset;
  /** Shown when a file opens and in the readout: "1080p source → Anime4K Mode A · HQ". */
  reason: string;
}

/**
 * The tier a mode runs at: the setting, else the measured one, moved to the nearest tier the mode
 * has. Before the graphics card is measured it is Fast: a first file on a weak card must not start
 * with the heaviest networks and freeze the window while the measurement runs beside it.
 */
export function effectiveTier(upscaling: Settings['upscaling'], available: UpscaleTier[]): UpscaleTier {
  const wanted: UpscaleTier = upscaling.tier === 'auto' ? (upscaling.measuredTier?.tier ?? 'fast') : upscaling.tier;
  if (available.includes(wanted)) return wanted;
  return available.includes('hq') ? 'hq' : (available[0] ?? 'hq');
}

/**
 * Which preset a source gets: the viewer's choice for this session first, then the series'
 * override, then the viewer's own rules, then what the picture shows (when measured and the
 * setting is on), then the first rule whose height fits the source; no rule fits → off.
 */
export function choosePreset(
  upscaling: Settings['upscaling'],
  sourceHeight: number,
  options: { manual?: UpscalePreset | null; seriesKey?: string | null; picture?: PictureEstimate | null } = {},
): PresetChoice {
  if (options.manual) return { preset: options.manual, reason: `Chosen by you → ${presetLabel(options.manual)}` };
  const series = options.seriesKey ? upscaling.seriesOverrides[options.seriesKey] : undefined;
  if (series) return { preset: series, reason: `Series setting → ${presetLabel(series)}` };
  if (options.picture && upscaling.fromPicture && !ownRules(upscaling)) {
    const { mode } = pictureMode(options.picture);
    const preset: UpscalePreset = mode === 'classic' ? { kind: 'classic' } : { kind: 'cnn', mode, tier: effectiveTier(upscaling, tiersOf(mode)) };
    return { preset, reason: `${pictureReason(options.picture)} → ${presetLabel(preset)}` };
  }
  const source = `${sourceHeight}p source`;
  const rule = upscaling.rules.find((candidate) => sourceHeight <= candidate.maximumHeight);
  if (!rule) return { preset: { kind: 'off' }, reason: `${source} → Off (no rule for it)` };
  const preset: UpscalePreset =
    rule.preset.kind === 'cnn'
      ? { kind: 'cnn', mode: rule.preset.mode, tier: effectiveTier(upscaling, tiersOf(rule.preset.mode)) }
      : rule.preset;
  return { preset, reason: `${source} → ${presetLabel(preset)}` };
}
