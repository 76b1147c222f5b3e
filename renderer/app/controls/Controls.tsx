import type { PlayerEngine } from '../playerEngine';
import { useKirei } from '../../store';
import { formatTime } from '../format';
import { updateSettings } from '../settingsActions';
import { AudioMenu } from './AudioMenu';
import { IconButton } from './IconButton';
import { MoreMenu } from './MoreMenu';
import type { MoreActions } from './MoreMenu';
import { SeekBar } from './SeekBar';
import { SubtitleMenu } from './SubtitleMenu';
import type { SubtitleActions } from './SubtitleMenu';
import { UpscalingMenu } from './UpscalingMenu';
import { VolumeControl } from './VolumeControl';

const noChapters: never[] = [];

/** "1:23 / 24:00"; a click shows the time left instead, as mpv's controller does. */
function TimeReadout() {
  const currentTime = useKirei((state) => state.currentTime);
  const duration = useKirei((state) => state.duration);
  const remaining = useKirei((state) => state.showRemaining);
  return (
    <button
      type="button"
      className="controls__time"
      data-testid="time"
      aria-label={remaining ? 'Time left; show the time gone by' : 'Time gone by; show the time left'}
      onClick={() => useKirei.getState().setShowRemaining(!remaining)}
    >
      {remaining ? `−${formatTime(Math.max(0, duration - currentTime))}` : formatTime(currentTime)}
      <span className="controls__duration">
        {' / '}
        <span data-testid="duration">{formatTime(duration)}</span>
      </span>
    </button>
  );
}

/**
 * The player's bottom bar: the seek bar above one row of icon buttons. Everything fits from the
 * smallest window (640×400) to 4K at 200 %: secondary controls live in menus, labels are short,
 * and every button has a name and a tooltip with its key.
 */
export function Controls({ engine }: { engine: PlayerEngine }) {
  const paused = useKirei((state) => state.paused);
  const fullscreen = useKirei((state) => state.fullscreen);
  const compareEnabled = useKirei((state) => state.settings?.compare.enabled ?? false);
  const chapters = useKirei((state) => state.media?.probe.chapters ?? noChapters);

  const subtitleActions: SubtitleActions = {
    select: (trackId) => void engine.subtitles.select(trackId),
    toggleVisible: () => engine.subtitles.toggleVisible(),
    addDelay: (seconds) => engine.subtitles.addDelay(seconds),
    setScale: (scale) => void updateSettings({ subtitles: { scale } }),
  };
  const moreActions: MoreActions = {
    setSpeed: (speed) => engine.setSpeed(speed),
    setScaler: (scaler) => {
      const upscaling = useKirei.getState().settings?.upscaling;
      if (upscaling) void updateSettings({ upscaling: { ...upscaling, scaler } });
    },
    toggleReadout: () => engine.run({ name: 'cycle', property: 'stats' }),
    screenshot: () => engine.run({ name: 'screenshot', what: 'subtitles' }),
    showKeys: () => engine.run({ name: 'show-help' }),
    showSettings: () => useKirei.getState().setSettingsVisible(true),
  };

  return (
    <div className="controls" data-testid="controls">
      <SeekBar chapters={chapters} onSeek={(seconds) => engine.seekTo(seconds)} />
      <div className="controls__row">
        <IconButton icon={paused ? 'play' : 'pause'} label={paused ? 'Play' : 'Pause'} keys="Space" onClick={() => engine.togglePause()} />
        <VolumeControl onToggleMute={() => engine.toggleMute()} onVolume={(volume) => engine.setVolume(volume)} />
        <TimeReadout />
        <span className="controls__spacer" />
        <UpscalingMenu onChoose={(preset) => engine.choosePreset(preset)} />
        <IconButton
          icon="compare"
          label={compareEnabled ? 'Compare: on (plain scaler left, upscaled right)' : 'Compare with the plain scaler'}
          keys="C"
          pressed={compareEnabled}
          onClick={() => engine.run({ name: 'cycle', property: 'compare' })}
        />
        <SubtitleMenu actions={subtitleActions} />
        <AudioMenu onSelect={(position) => engine.audio.select(position)} />
        <MoreMenu actions={moreActions} />
        <IconButton
          icon={fullscreen ? 'windowed' : 'fullscreen'}
          label={fullscreen ? 'Leave fullscreen' : 'Fullscreen'}
          keys="F"
          onClick={() => void engine.setFullscreen(!fullscreen)}
        />
      </div>
    </div>
  );
}
