import { useState } from 'react';
import type { PresetRule, Settings } from '../../electron/common/settings';
import { defaultSettings } from '../../electron/common/settings';
import type { ScalerKind } from '../../electron/common/upscaling';
import { anime4kModes, tierLabels, upscaleTiers } from '../../electron/common/upscaling';
import { parseInputConf } from '../input/keymap';
import { useKirei } from '../store';
import { ScalerOptions } from './ScalerOptions';
import { updateSettings } from './settingsActions';

type RulePreset = PresetRule['preset'];
const rulePresets: RulePreset[] = [{ kind: 'off' }, { kind: 'classic' }, ...anime4kModes.map((mode): RulePreset => ({ kind: 'cnn', mode }))];

function rulePresetKey(preset: RulePreset): string {
  return preset.kind === 'cnn' ? preset.mode : preset.kind;
}

function rulePresetLabel(preset: RulePreset): string {
  return preset.kind === 'cnn' ? `Mode ${preset.mode}` : preset.kind === 'off' ? 'Off' : 'Classic';
}

/** The rules table: sources up to a height get a mode; the first rule that fits wins. */
function RulesEditor({ upscaling }: { upscaling: Settings['upscaling'] }) {
  const save = (rules: PresetRule[]) => void updateSettings({ upscaling: { ...upscaling, rules: [...rules].sort((a, b) => a.maximumHeight - b.maximumHeight) } });
  return (
    <fieldset className="settings__group">
      <legend>Anime4K by source resolution</legend>
      <table className="settings__rules" aria-label="Rules">
        <tbody>
          {upscaling.rules.map((rule, index) => (
            <tr key={`${index}-${rule.maximumHeight}`}>
              <td>
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
                  />
                  p
                </label>
              </td>
              <td>
                <select
                  aria-label={`Rule ${index + 1} preset`}
                  value={rulePresetKey(rule.preset)}
                  onChange={(event) => {
                    const preset = rulePresets.find((candidate) => rulePresetKey(candidate) === event.target.value) ?? { kind: 'off' };
                    save(upscaling.rules.map((other, at) => (at === index ? { ...other, preset } : other)));
                  }}
                >
                  {rulePresets.map((preset) => (
                    <option key={rulePresetKey(preset)} value={rulePresetKey(preset)}>
                      {rulePresetLabel(preset)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" className="button" aria-label={`Remove rule ${index + 1}`} onClick={() => save(upscaling.rules.filter((_, at) => at !== index))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="settings__hint">Larger sources than every rule play without Anime4K.</p>
      <div className="settings__row">
        <button
          type="button"
          className="button"
          disabled={upscaling.rules.length >= 16}
          onClick={() => save([...upscaling.rules, { maximumHeight: (upscaling.rules.at(-1)?.maximumHeight ?? 0) + 360, preset: { kind: 'cnn', mode: 'A' } }])}
        >
          Add a rule
        </button>
        <button type="button" className="button" onClick={() => save(defaultSettings().upscaling.rules)}>
          Restore the defaults
        </button>
      </div>
    </fieldset>
  );
}

function KeysEditor({ inputConf }: { inputConf: string }) {
  const [text, setText] = useState(inputConf);
  const problems = parseInputConf(text).problems;
  return (
    <fieldset className="settings__group">
      <legend>Keys (mpv input.conf)</legend>
      <textarea
        aria-label="input.conf"
        className="settings__keys"
        spellCheck={false}
        value={text}
        placeholder={'# One binding per line, as in mpv:\nCtrl+1 anime4k-mode A\nx cycle compare'}
        onChange={(event) => setText(event.target.value)}
      />
      {problems.length > 0 && (
        <ul className="settings__problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <button type="button" className="button" disabled={text === inputConf} onClick={() => void updateSettings({ inputConf: text })}>
        Apply keys
      </button>
    </fieldset>
  );
}

/** Steps of the subtitle size menu; F and G move by 10 % between them. */
const subtitleScales = [0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 3];

export function SettingsPanel() {
  const settings = useKirei((state) => state.settings);
  const stage = useKirei((state) => state.stage);
  if (!settings) return null;
  const { upscaling } = settings;
  const close = () => useKirei.getState().setSettingsVisible(false);
  const measuredTier = upscaling.measuredTier;
  const measuredFigure = measuredTier?.frameMs === undefined ? '' : `, Mode A HQ ${measuredTier.frameMs.toFixed(1)} ms`;
  const measured = measuredTier ? `measured: ${tierLabels[measuredTier.tier]} on ${measuredTier.gpu}${measuredFigure}` : 'not measured yet';
  return (
    <div className="settings" role="dialog" aria-label="Settings" data-testid="settings" onKeyDown={(event) => event.stopPropagation()}>
      <header className="settings__header">
        <h2>Settings</h2>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </header>
      <RulesEditor upscaling={upscaling} />
      <fieldset className="settings__group">
        <legend>Subtitles</legend>
        <label className="settings__row">
          Subtitle size
          <select
            aria-label="Subtitle size"
            value={settings.subtitles.scale}
            onChange={(event) => void updateSettings({ subtitles: { scale: Number(event.target.value) } })}
          >
            {!subtitleScales.includes(settings.subtitles.scale) && <option value={settings.subtitles.scale}>{Math.round(settings.subtitles.scale * 100)} %</option>}
            {subtitleScales.map((scale) => (
              <option key={scale} value={scale}>
                {Math.round(scale * 100)} %{scale === 1 ? ' (as the script says)' : ''}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset className="settings__group">
        <legend>Upscaling</legend>
        <label className="settings__row">
          Tier
          <select aria-label="Tier" value={upscaling.tier} onChange={(event) => void updateSettings({ upscaling: { ...upscaling, tier: event.target.value as Settings['upscaling']['tier'] } })}>
            <option value="auto">Automatic ({measured})</option>
            {upscaleTiers.map((tier) => (
              <option key={tier} value={tier}>
                {tierLabels[tier]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={upscaling.tier !== 'auto'}
          title="Times Mode A HQ on this graphics card again and picks the automatic tier from it"
          onClick={() => void updateSettings({ upscaling: { ...upscaling, measuredTier: null } })}
        >
          Measure again
        </button>
        <label className="settings__row">
          Graphics backend
          <select aria-label="Backend" value={upscaling.backend} onChange={(event) => void updateSettings({ upscaling: { ...upscaling, backend: event.target.value as Settings['upscaling']['backend'] } })}>
            <option value="auto">Automatic (now {stage?.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'})</option>
            <option value="webgpu">WebGPU</option>
            <option value="webgl2">WebGL2</option>
          </select>
        </label>
        <label className="settings__row">
          Compare against
          <select
            aria-label="Compare against"
            value={upscaling.referenceScaler}
            onChange={(event) => void updateSettings({ upscaling: { ...upscaling, referenceScaler: event.target.value as ScalerKind } })}
          >
            <ScalerOptions />
          </select>
        </label>
        <label className="settings__row">
          <input type="checkbox" checked={upscaling.governor} onChange={(event) => void updateSettings({ upscaling: { ...upscaling, governor: event.target.checked } })} />
          Step down when the GPU cannot keep up (governor)
        </label>
        <p className="settings__hint">A new backend takes effect the next time Kirei starts.</p>
      </fieldset>
      <fieldset className="settings__group">
        <legend>Screenshots</legend>
        <label className="settings__row">
          Folder
          <input
            type="text"
            aria-label="Screenshot folder"
            defaultValue={settings.screenshotFolder ?? ''}
            placeholder="Pictures/Kirei"
            onBlur={(event) => void updateSettings({ screenshotFolder: event.target.value.trim() || null })}
          />
        </label>
      </fieldset>
      <KeysEditor inputConf={settings.inputConf} />
    </div>
  );
}
