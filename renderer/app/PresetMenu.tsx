import type { UpscalePreset } from '../../electron/common/upscaling';
import { anime4kModes, presetKey, presetLabel } from '../../electron/common/upscaling';
import { tiersOf } from '../upscale/presets';
import { useKirei } from '../store';
import { updateSettings } from './settingsActions';

const choices: UpscalePreset[] = [
  { kind: 'off' },
  { kind: 'classic' },
  ...anime4kModes.flatMap((mode) => tiersOf(mode).map((tier): UpscalePreset => ({ kind: 'cnn', mode, tier }))),
];

/** Keeps the viewer's pick for every episode of the open series, or forgets it. */
function SeriesButton() {
  const manual = useKirei((state) => state.manualPreset);
  const series = useKirei((state) => state.media?.series ?? null);
  const upscaling = useKirei((state) => state.settings?.upscaling);
  if (!series || !upscaling) return null;
  const saved = upscaling.seriesOverrides[series.key];
  const save = (overrides: typeof upscaling.seriesOverrides) => void updateSettings({ upscaling: { ...upscaling, seriesOverrides: overrides } });
  if (manual && (!saved || presetKey(saved) !== presetKey(manual))) {
    return (
      <button
        type="button"
        className="button"
        onClick={() => {
          useKirei.getState().setManualPreset(null);
          save({ ...upscaling.seriesOverrides, [series.key]: manual });
        }}
      >
        Keep for {series.title}
      </button>
    );
  }
  if (saved) {
    return (
      <button
        type="button"
        className="button"
        aria-label={`Forget the setting for ${series.title}`}
        onClick={() => {
          const { [series.key]: _forgotten, ...rest } = upscaling.seriesOverrides;
          useKirei.getState().setManualPreset(null);
          save(rest);
        }}
      >
        {series.title}: {presetLabel(saved)} ✕
      </button>
    );
  }
  return null;
}

/** Automatic (the rules, or the series' setting) or a preset for this session. */
export function PresetMenu() {
  const manual = useKirei((state) => state.manualPreset);
  const active = useKirei((state) => state.activePreset);
  return (
    <>
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
      <SeriesButton />
    </>
  );
}
