import type { PresetRule, Settings } from '../../electron/common/settings';
import { defaultSettings } from '../../electron/common/settings';
import { anime4kModes } from '../../electron/common/upscaling';
import { updateSettings } from '../player/settingsActions';
import { usePorts } from './ports';

type RulePreset = PresetRule['preset'];
const rulePresets: RulePreset[] = [{ kind: 'off' }, { kind: 'classic' }, ...anime4kModes.map((mode): RulePreset => ({ kind: 'cnn', mode }))];

function rulePresetKey(preset: RulePreset): string {
  if (preset.kind === 'shaders') return `chain:${preset.chain}`;
  return preset.kind === 'cnn' ? preset.mode : preset.kind;
}

function rulePresetLabel(preset: RulePreset): string {
  if (preset.kind === 'shaders') return `Shaders: ${preset.chain}`;
  return preset.kind === 'cnn' ? `Mode ${preset.mode}` : preset.kind === 'off' ? 'Off' : 'Classic';
}

/** The rules of the automatic choice: sources up to a height get a mode; the first rule that fits wins. */
export function RulesEditor({ upscaling, chains }: { upscaling: Settings['upscaling']; chains: Settings['shaders']['chains'] }) {
  const ports = usePorts();
  // The viewer's saved shader chains run wherever a mode does; a chain deleted since still shows until replaced.
  const choices: RulePreset[] = [...rulePresets, ...chains.map((chain): RulePreset => ({ kind: 'shaders', chain: chain.name }))];
  for (const rule of upscaling.rules) if (!choices.some((choice) => rulePresetKey(choice) === rulePresetKey(rule.preset))) choices.push(rule.preset);
  const save = (rules: PresetRule[]) => void updateSettings(ports, { upscaling: { ...upscaling, rules: [...rules].sort((a, b) => a.maximumHeight - b.maximumHeight) } });
  return (
    <div className="rules">
      <p className="settings__row-title">Automatic mode by the source’s height</p>
      <ul className="rules__list" aria-label="Rules">
        {upscaling.rules.map((rule, index) => (
          <li key={`${index}-${rule.maximumHeight}`} className="rules__rule">
            <label>
              Up to{' '}
              <input
                type="number"
                aria-label={`Rule ${index + 1} height`}
                min={1}
                max={100000}
                defaultValue={rule.maximumHeight}
                onBlur={(event) => {
                  const height = Math.round(Number(event.target.value));
                  if (Number.isFinite(height) && height > 0 && height !== rule.maximumHeight) save(upscaling.rules.map((other, at) => (at === index ? { ...other, maximumHeight: height } : other)));
                }}
              />{' '}
              lines
            </label>
            <select
              aria-label={`Rule ${index + 1} preset`}
              value={rulePresetKey(rule.preset)}
              onChange={(event) => {
                const preset = choices.find((candidate) => rulePresetKey(candidate) === event.target.value) ?? { kind: 'off' };
                save(upscaling.rules.map((other, at) => (at === index ? { ...other, preset } : other)));
              }}
            >
              {choices.map((preset) => (
                <option key={rulePresetKey(preset)} value={rulePresetKey(preset)}>
                  {rulePresetLabel(preset)}
                </option>
              ))}
            </select>
            <button type="button" className="button button--quiet button--small" aria-label={`Remove rule ${index + 1}`} onClick={() => save(upscaling.rules.filter((_, at) => at !== index))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <p className="settings__hint">Larger sources than every rule play without upscaling. Your pick in the player, and a series’ kept setting, come first; while these rules are Kirei’s own and “Choose the mode from the picture” is on, the picture decides once it is measured.</p>
      <div className="settings__buttons">
        <button
          type="button"
          className="button button--small"
          disabled={upscaling.rules.length >= 16}
          onClick={() => save([...upscaling.rules, { maximumHeight: (upscaling.rules.at(-1)?.maximumHeight ?? 0) + 360, preset: { kind: 'cnn', mode: 'A' } }])}
        >
          Add a rule
        </button>
        <button type="button" className="button button--small" onClick={() => save(defaultSettings().upscaling.rules)}>
          Restore the defaults
        </button>
      </div>
    </div>
  );
}
