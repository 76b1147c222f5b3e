import type { AudioTrack } from '../../electron/common/media';
import { useKirei } from '../store';
import { audioLabel } from './audioController';
import type { PlayerEngine } from './playerEngine';

const noTracks: AudioTrack[] = [];

/** The audio track menu, shown when a file has more than one. */
export function AudioMenu({ engine }: { engine: PlayerEngine }) {
  const tracks = useKirei((state) => state.media?.probe.audio ?? noTracks);
  const selected = useKirei((state) => state.audioTrack);
  if (tracks.length < 2) return null;
  return (
    <label className="controls__select">
      <span>Audio</span>
      <select aria-label="Audio" value={selected} onChange={(event) => engine.audio.select(Number(event.target.value))}>
        {tracks.map((track, position) => (
          <option key={track.index} value={position}>
            {audioLabel(track, position)}
          </option>
        ))}
      </select>
    </label>
  );
}
