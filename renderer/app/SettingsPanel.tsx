import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../electron/common/settings';
import { ownRules } from '../../electron/common/settings';
import type { ScalerKind } from '../../electron/common/upscaling';
import { anime4kModes, modeDescriptions, tierDescriptions, tierLabels, upscaleTiers } from '../../electron/common/upscaling';
import { parseInputConf } from '../input/keymap';
import { useKirei } from '../store';
import { subtitleScales } from './controls/SubtitleMenu';
import { focusHome } from './focus';
import { Icon } from './Icon';
import { PathRow } from './PathRow';
import { RulesEditor } from './RulesEditor';
import { ShaderSettings } from './ShaderSettings';
import { ScalerOptions } from './ScalerOptions';
import { updateSettings } from '../player/settingsActions';
import { usePorts } from './ports';

function KeysEditor({ inputConf }: { inputConf: string }) {
  const ports = usePorts();
  const [text, setText] = useState(inputConf);
  const problems = parseInputConf(text).problems;
  return (
    <section className="settings__section" aria-labelledby="settings-keys">
      <h3 id="settings-keys">Keys</h3>
      <p className="settings__hint">One binding per line, in mpv’s input.conf wording; lines here replace the default for their key.</p>
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
      <div>
        <button type="button" className="button" disabled={text === inputConf} onClick={() => void updateSettings(ports, { inputConf: text })}>
          Apply keys
        </button>
      </div>
    </section>
  );
}

/** What the modes and tiers do, for a viewer choosing between them. */
function ModeGuide() {
  return (
    <details className="settings__guide">
      <summary>What the modes and qualities do</summary>
      <dl>
        {(['off', 'classic', ...anime4kModes] as const).map((mode) => (
          <div key={mode}>
            <dt>{mode === 'off' ? 'Off' : mode === 'classic' ? 'Classic' : `Mode ${mode}`}</dt>
            <dd>{modeDescriptions[mode]}</dd>
          </div>
        ))}
        {upscaleTiers.map((tier) => (
          <div key={tier}>
            <dt>{tierLabels[tier]}</dt>
            <dd>{tierDescriptions[tier]}</dd>
          </div>
        ))}
      </dl>
      <p className="settings__hint">Pick by how the picture looks, not by the file: many 1080p files were drawn at 720p and are blurry (Mode A); old shows at 480p are noisy (Mode C).</p>
    </details>
  );
}

function TierSetting({ upscaling }: { upscaling: Settings['upscaling'] }) {
  const ports = usePorts();
  const measured = upscaling.measuredTier;
  const automatic = measured ? `Automatic (${tierLabels[measured.tier]})` : 'Automatic (not measured yet)';
  const figure =
    measured?.frameMs === undefined ? 'did not finish a frame in time' : `${measured.estimated ? 'would take about' : 'took'} ${measured.frameMs.toFixed(1)} ms a frame`;
  return (
    <>
      <label className="settings__row">
        <span>Quality</span>
        <select aria-label="Quality" value={upscaling.tier} onChange={(event) => void updateSettings(ports, { upscaling: { ...upscaling, tier: event.target.value as Settings['upscaling']['tier'] } })}>
          <option value="auto">{automatic}</option>
          {upscaleTiers.map((tier) => (
            <option key={tier} value={tier}>
              {tierLabels[tier]}
            </option>
          ))}
        </select>
      </label>
      <div className="settings__note">
        <p className="settings__hint" data-testid="tier-measurement">
          {measured ? `Measured on ${measured.gpu}: Mode A HQ ${figure}, so ${tierLabels[measured.tier]}.` : 'Kirei measures the graphics card the first time a video plays, without holding up playback.'}
        </p>
        <button
          type="button"
          className="button button--small"
          disabled={upscaling.tier !== 'auto'}
          title="Times Mode A HQ on this graphics card again and picks the automatic quality from it"
          onClick={() => void updateSettings(ports, { upscaling: { ...upscaling, measuredTier: null } })}
        >
          Measure again
        </button>
      </div>
    </>
  );
}

/**
 * Settings, as a sheet over the window: opaque, closed by Esc, its button or a click beside it,
 * and focus goes back to where it was so the player's keys work at once.
 */
export function SettingsPanel() {
  const ports = usePorts();
  const settings = useKirei((state) => state.settings);
  const stage = useKirei((state) => state.stage);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.focus({ preventScroll: true });
    // Esc closes the sheet wherever focus has gone (a click on the picture behind it, say).
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      useKirei.getState().setSettingsVisible(false);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      // After the sheet is gone: focusHome looks for it first.
      requestAnimationFrame(() => focusHome());
    };
  }, []);
  if (!settings) return null;
  const { upscaling } = settings;
  const close = () => useKirei.getState().setSettingsVisible(false);
  const setUpscaling = (patch: Partial<Settings['upscaling']>) => void updateSettings(ports, { upscaling: { ...upscaling, ...patch } });
  return (
    <div className="sheet" onPointerDown={(event) => event.target === event.currentTarget && close()}>
      <div
        ref={panel}
        className="settings"
        role="dialog"
        aria-modal="true"
        aria-label="Settings"
        data-testid="settings"
        tabIndex={-1}
        onKeyDown={(event) => {
          // Keys typed here are for the fields, not the player.
          event.stopPropagation();
        }}
      >
        <header className="panel__header">
          <h2>Settings</h2>
          <button type="button" className="control" aria-label="Close settings (Esc)" onClick={close}>
            <Icon name="close" />
          </button>
        </header>

        <section className="settings__section" aria-labelledby="settings-upscaling">
          <h3 id="settings-upscaling">Upscaling</h3>
          <ModeGuide />
          <label className="settings__row settings__row--check">
            <input type="checkbox" checked={upscaling.fromPicture} onChange={(event) => setUpscaling({ fromPicture: event.target.checked })} />
            <span>
              Choose the mode from the picture: the height it was drawn at, soft lines, noise
              {ownRules(upscaling) ? ' (your own rules below decide while you keep them)' : ''}
            </span>
          </label>
          <RulesEditor upscaling={upscaling} chains={settings.shaders.chains} />
          <TierSetting upscaling={upscaling} />
          <label className="settings__row settings__row--check">
            <input type="checkbox" checked={upscaling.governor} onChange={(event) => setUpscaling({ governor: event.target.checked })} />
            <span>Step down when the graphics card cannot keep up</span>
          </label>
          <label className="settings__row settings__row--check">
            <input type="checkbox" checked={upscaling.reuseRepeats} onChange={(event) => setUpscaling({ reuseRepeats: event.target.checked })} />
            <span>Reuse the upscaled picture while the drawing holds (anime on twos and threes)</span>
          </label>
          <label className="settings__row">
            <span>Compare against</span>
            <select aria-label="Compare against" value={upscaling.referenceScaler} onChange={(event) => setUpscaling({ referenceScaler: event.target.value as ScalerKind })}>
              <ScalerOptions />
            </select>
          </label>
          <label className="settings__row">
            <span>Graphics backend</span>
            <select aria-label="Backend" value={upscaling.backend} onChange={(event) => setUpscaling({ backend: event.target.value as Settings['upscaling']['backend'] })}>
              <option value="auto">Automatic (now {stage?.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'})</option>
              <option value="webgpu">WebGPU</option>
              <option value="webgl2">WebGL2</option>
            </select>
          </label>
          <p className="settings__hint">A new backend takes effect the next time Kirei starts.</p>
        </section>

        <ShaderSettings settings={settings} />

        <section className="settings__section" aria-labelledby="settings-subtitles">
          <h3 id="settings-subtitles">Subtitles</h3>
          <label className="settings__row">
            <span>Size</span>
            <select aria-label="Subtitle size" value={settings.subtitles.scale} onChange={(event) => void updateSettings(ports, { subtitles: { scale: Number(event.target.value) } })}>
              {!subtitleScales.includes(settings.subtitles.scale) && <option value={settings.subtitles.scale}>{Math.round(settings.subtitles.scale * 100)} %</option>}
              {subtitleScales.map((scale) => (
                <option key={scale} value={scale}>
                  {Math.round(scale * 100)} %{scale === 1 ? ' (as the script says)' : ''}
                </option>
              ))}
            </select>
          </label>
        </section>

        <section className="settings__section" aria-labelledby="settings-files">
          <h3 id="settings-files">Files and programs</h3>
          <PathRow
            label="Screenshot folder"
            value={settings.screenshotFolder}
            automatic="Pictures/Kirei"
            choose={() => ports.bridge.settings.chooseScreenshotFolder()}
            reset={() => ports.bridge.settings.resetPath({ which: 'screenshotFolder' })}
          />
          <PathRow
            label="ffmpeg"
            value={settings.ffmpeg.ffmpeg}
            automatic="Found automatically"
            choose={() => ports.bridge.settings.chooseFfmpeg()}
            reset={() => ports.bridge.settings.resetPath({ which: 'ffmpeg' })}
          />
          <p className="settings__hint">Chosen in your system’s dialog. For ffmpeg, pick the ffmpeg program; ffprobe must be in the same folder.</p>
        </section>

        <KeysEditor inputConf={settings.inputConf} />
      </div>
    </div>
  );
}
