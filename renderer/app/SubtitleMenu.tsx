import { useKirei } from '../store';
import type { PlayerEngine } from './playerEngine';

/** The subtitle track menu: tracks inside the file and files beside it; picture formats listed but not drawable. */
export function SubtitleMenu({ engine }: { engine: PlayerEngine }) {
  const tracks = useKirei((state) => state.subtitleTracks);
  const selected = useKirei((state) => state.subtitleTrackId);
  if (tracks.length === 0) return null;
  return (
    <label className="controls__select">
      <span>Subtitles</span>
      <select aria-label="Subtitles" value={selected ?? ''} onChange={(event) => void engine.subtitles.select(event.target.value || null)}>
        <option value="">Off</option>
        {tracks.map((track) => (
          <option key={track.id} value={track.id} disabled={!track.renderable}>
            {track.label} · {track.format}
            {track.renderable ? '' : ' (pictures: listed, not drawn)'}
          </option>
        ))}
      </select>
    </label>
  );
}
