import type { UpscalePreset } from '../../electron/common/upscaling';
import { anime4kModes, presetKey, presetLabel } from '../../electron/common/upscaling';
import { tiersOf } from '../upscale/presets';
import { useKirei } from '../store';

const choices: UpscalePreset[] = [
  { kind: 'off' },
  { kind: 'classic' },
  ...anime4kModes.flatMap((mode) => tiersOf(mode).map((tier): UpscalePreset => ({ kind: 'cnn', mode, tier }))),
];

/** Automatic (the rules) or a preset for this session. */
export function PresetMenu() {
  const manual = useKirei((state) => state.manualPreset);
  const active = useKirei((state) => state.activePreset);
  return (
    <label className="controls__select">
      <span>Upscaling</span>
      <select
        aria-label="Upscaling"
        value={manual ? presetKey(manual) : 'auto'}
        onChange={(event) => {
          const choice = choices.find((preset) => presetKey(preset) === event.target.value) ?? null;
          useKirei.getState().setManualPreset(choice);
        }}
      >
        <option value="auto">Automatic ({presetLabel(active)})</option>
        {choices.map((preset) => (
          <option key={presetKey(preset)} value={presetKey(preset)}>
            {presetLabel(preset)}
          </option>
        ))}
      </select>
    </label>
  );
}
