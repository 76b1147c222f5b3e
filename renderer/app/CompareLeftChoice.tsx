import type { UpscalePreset } from '../../electron/common/upscaling';
import { anime4kModes, presetKey, presetLabel, scalerLabels } from '../../electron/common/upscaling';
import { tiersOf } from '../player/facades';
import { updateSettings } from '../player/settingsActions';
import { useKirei } from '../store';
import { usePorts } from './ports';

/**
 * What the split's left side shows, chosen on the split itself: the reference scaler, or any
 * preset — Kirei's modes at the quality on screen, or a chain of the viewer's mpv shaders — so
 * that "ArtCNN against Anime4K A" is one pick and one drag.
 */
export function CompareLeftChoice() {
  const ports = usePorts();
  const compare = useKirei((state) => state.settings?.compare);
  const referenceScaler = useKirei((state) => state.settings?.upscaling.referenceScaler ?? 'catmull-rom');
  const chains = useKirei((state) => state.settings?.shaders.chains ?? []);
  const active = useKirei((state) => state.activePreset);
  if (!compare) return null;
  const tier = active.kind === 'cnn' ? active.tier : 'hq';
  const presets: UpscalePreset[] = [
    { kind: 'classic' },
    ...anime4kModes.map((mode): UpscalePreset => ({ kind: 'cnn', mode, tier: tiersOf(mode).includes(tier) ? tier : 'hq' })),
    ...chains.map((chain): UpscalePreset => ({ kind: 'shaders', chain: chain.name })),
  ];
  const left = compare.left;
  if (left && !presets.some((preset) => presetKey(preset) === presetKey(left))) presets.push(left);
  return (
    <select
      className="compare__label compare__label--left compare__choice"
      aria-label="Left side of the split"
      value={left ? presetKey(left) : 'reference'}
      onChange={(event) => {
        const chosen = presets.find((preset) => presetKey(preset) === event.target.value) ?? null;
        void updateSettings(ports, { compare: { ...compare, left: chosen } });
      }}
    >
      <option value="reference">{scalerLabels[referenceScaler]}</option>
      {presets.map((preset) => (
        <option key={presetKey(preset)} value={presetKey(preset)}>
          {presetLabel(preset)}
        </option>
      ))}
    </select>
  );
}
