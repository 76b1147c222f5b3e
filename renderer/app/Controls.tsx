import type { ScalerKind } from '../../electron/common/upscaling';
import { AudioMenu } from './AudioMenu';
import { SubtitleMenu } from './SubtitleMenu';
import { useKirei } from '../store';
import { formatTime } from './format';
import { Icon } from './Icon';
import { ScalerOptions } from './ScalerOptions';
import { PresetMenu } from './PresetMenu';
import { updateSettings } from './settingsActions';
import type { PlayerEngine } from './playerEngine';

const speeds = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

export function Controls({ engine, title }: { engine: PlayerEngine; title: string }) {
  const paused = useKirei((state) => state.paused);
  const currentTime = useKirei((state) => state.currentTime);
  const duration = useKirei((state) => state.duration);
  const volume = useKirei((state) => state.volume);
  const muted = useKirei((state) => state.muted);
  const speed = useKirei((state) => state.speed);
  const fullscreen = useKirei((state) => state.fullscreen);
  const scaler = useKirei((state) => state.settings?.upscaling.scaler ?? 'catmull-rom');
  const upscaling = useKirei((state) => state.settings?.upscaling);
  const compareEnabled = useKirei((state) => state.settings?.compare.enabled ?? false);

  return (
    <div className="controls" data-testid="controls">
      <div className="controls__title">{title}</div>
      <div className="controls__seek">
        <span className="controls__time" data-testid="time">{formatTime(currentTime)}</span>
        <input
          type="range"
          aria-label="Seek"
          className="controls__seekbar"
          min={0}
          max={duration || 0}
          step={0.01}
          value={Math.min(currentTime, duration || 0)}
          onChange={(event) => engine.seekTo(Number(event.target.value))}
        />
        <span className="controls__time" data-testid="duration">{formatTime(duration)}</span>
      </div>
      <div className="controls__row">
        <button type="button" className="button" aria-label={paused ? 'Play' : 'Pause'} onClick={() => engine.togglePause()}>
          <Icon name={paused ? 'play' : 'pause'} />
        </button>
        <button type="button" className="button" aria-label={muted ? 'Unmute' : 'Mute'} onClick={() => engine.toggleMute()}>
          <Icon name={muted || volume === 0 ? 'muted' : 'volume'} />
        </button>
        <input
          type="range"
          aria-label="Volume"
          className="controls__volume"
          min={0}
          max={100}
          step={1}
          value={muted ? 0 : volume}
          onChange={(event) => engine.setVolume(Number(event.target.value))}
        />
        <span className="controls__spacer" />
        <PresetMenu />
        <button
          type="button"
          className={`button ${compareEnabled ? 'button--active' : ''}`}
          aria-pressed={compareEnabled}
          onClick={() => engine.run({ name: 'cycle', property: 'compare' })}
        >
          Compare
        </button>
        <label className="controls__select">
          <span>Final scaler</span>
          <select
            aria-label="Scaler"
            value={scaler}
            onChange={(event) => {
              if (upscaling) void updateSettings({ upscaling: { ...upscaling, scaler: event.target.value as ScalerKind } });
            }}
          >
            <ScalerOptions />
          </select>
        </label>
        <AudioMenu engine={engine} />
        <SubtitleMenu engine={engine} />
        <label className="controls__select">
          <span>Speed</span>
          <select aria-label="Speed" value={speeds.includes(speed) ? speed : ''} onChange={(event) => engine.setSpeed(Number(event.target.value))}>
            {!speeds.includes(speed) && <option value="">{speed.toFixed(2)}×</option>}
            {speeds.map((option) => (
              <option key={option} value={option}>
                {option}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" aria-label="Settings" onClick={() => useKirei.getState().setSettingsVisible(true)}>
          <Icon name="settings" />
        </button>
        <button
          type="button"
          className="button"
          aria-label={fullscreen ? 'Leave fullscreen' : 'Fullscreen'}
          onClick={() => void engine.setFullscreen(!fullscreen)}
        >
          <Icon name={fullscreen ? 'windowed' : 'fullscreen'} />
        </button>
      </div>
    </div>
  );
}
