import type { PlayerControls } from '../../player/facades';
import { useKirei } from '../../store';
import { formatTime } from '../../player/format';
import { updateSettings } from '../../player/settingsActions';
import { AudioMenu } from './AudioMenu';
import { IconButton } from './IconButton';
import { MoreMenu } from './MoreMenu';
import type { MoreActions } from './MoreMenu';
import { SeekBar } from './SeekBar';
import { SubtitleMenu } from './SubtitleMenu';
import type { SubtitleActions } from './SubtitleMenu';
import { UpscalingMenu } from './UpscalingMenu';
import { VolumeControl } from './VolumeControl';
import { usePorts } from '../ports';

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
export function Controls({ controls }: { controls: PlayerControls }) {
  const ports = usePorts();
  const paused = useKirei((state) => state.paused);
  const fullscreen = useKirei((state) => state.fullscreen);
  const compareEnabled = useKirei((state) => state.settings?.compare.enabled ?? false);
  const chapters = useKirei((state) => state.media?.probe.chapters ?? noChapters);

  const subtitleActions: SubtitleActions = {
    select: (trackId) => controls.selectSubtitles(trackId),
    toggleVisible: () => controls.toggleSubtitles(),
    addDelay: (seconds) => controls.addSubtitleDelay(seconds),
    setScale: (scale) => void updateSettings(ports, { subtitles: { scale } }),
  };
  const moreActions: MoreActions = {
    setSpeed: (speed) => controls.setSpeed(speed),
    setScaler: (scaler) => {
      const upscaling = ports.store.getState().settings?.upscaling;
      if (upscaling) void updateSettings(ports, { upscaling: { ...upscaling, scaler } });
    },
    toggleReadout: () => controls.run({ name: 'cycle', property: 'stats' }),
    screenshot: () => controls.run({ name: 'screenshot', what: 'subtitles' }),
    showKeys: () => controls.run({ name: 'show-help' }),
    showSettings: () => ports.store.getState().setSettingsVisible(true),
  };

  return (
    <div className="controls" data-testid="controls">
      <SeekBar chapters={chapters} onSeek={(seconds) => controls.seekTo(seconds)} />
      <div className="controls__row">
        <IconButton icon={paused ? 'play' : 'pause'} label={paused ? 'Play' : 'Pause'} keys="Space" onClick={() => controls.togglePause()} />
        <VolumeControl onToggleMute={() => controls.toggleMute()} onVolume={(volume) => controls.setVolume(volume)} />
        <TimeReadout />
        <span className="controls__spacer" />
        <UpscalingMenu onChoose={(preset) => controls.choosePreset(preset)} />
        <IconButton
          icon="compare"
          label={compareEnabled ? 'Compare: on (plain scaler left, upscaled right)' : 'Compare with the plain scaler'}
          keys="C"
          pressed={compareEnabled}
          onClick={() => controls.run({ name: 'cycle', property: 'compare' })}
        />
        <SubtitleMenu actions={subtitleActions} />
        <AudioMenu onSelect={(position) => controls.selectAudio(position)} />
        <MoreMenu actions={moreActions} />
        <IconButton
          icon={fullscreen ? 'windowed' : 'fullscreen'}
          label={fullscreen ? 'Leave fullscreen' : 'Fullscreen'}
          keys="F"
          onClick={() => void controls.setFullscreen(!fullscreen)}
        />
      </div>
    </div>
  );
}
