import { useKirei } from '../../store';
import { IconButton } from './IconButton';

/** Mute and the volume slider; in a narrow window the slider opens when the pointer or focus reaches it. */
export function VolumeControl({ onToggleMute, onVolume }: { onToggleMute: () => void; onVolume: (volume: number) => void }) {
  const volume = useKirei((state) => state.volume);
  const muted = useKirei((state) => state.muted);
  const silent = muted || volume === 0;
  return (
    <div className="volume">
      <IconButton icon={silent ? 'muted' : 'volume'} label={muted ? 'Unmute' : 'Mute'} keys="M" onClick={onToggleMute} />
      <input
        type="range"
        aria-label="Volume"
        aria-valuetext={`${muted ? 0 : volume} %`}
        className="volume__slider"
        style={{ ['--level' as string]: `${muted ? 0 : volume}%` }}
        min={0}
        max={100}
        step={1}
        value={muted ? 0 : volume}
        onChange={(event) => onVolume(Number(event.target.value))}
      />
    </div>
  );
}
