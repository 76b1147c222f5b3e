import { useKirei } from '../../store';
import { playEpisode } from '../../player/libraryActions';
import { episodeLabel } from './episodeText';
import { usePorts } from '../ports';

/** Episodes begun and not finished, then the next episode of series in progress, newest first. */
export function ContinueWatching() {
  const ports = usePorts();
  const library = useKirei((state) => state.library);
  if (!library || library.continueWatching.length === 0) return null;
  const lookup = new Map(library.series.map((series) => [series.key, series]));
  return (
    <section className="continue library__section" aria-label="Continue watching">
      <h2 className="library__heading">Continue watching</h2>
      <div className="continue__row">
        {library.continueWatching.map((item) => {
          const series = lookup.get(item.seriesKey);
          const episode = series?.episodes.find((candidate) => candidate.id === item.episodeId);
          if (!series || !episode) return null;
          const progress = item.reason === 'resume' && episode.duration ? Math.min(1, episode.position / episode.duration) : 0;
          return (
            <button key={item.episodeId} type="button" className="continue__item" onClick={() => void playEpisode(ports, item.episodeId)}>
              <span className="thumbnail">
                {episode.thumbnailUrl ? <img src={episode.thumbnailUrl} alt="" /> : <span className="thumbnail__letter">{series.title.slice(0, 1)}</span>}
                {progress > 0 && (
                  <span className="thumbnail__progress">
                    <span style={{ width: `${progress * 100}%` }} />
                  </span>
                )}
              </span>
              <span className="continue__title">{series.title}</span>
              <span className="continue__episode">
                {item.reason === 'resume' ? 'Resume' : 'Next'} · {episodeLabel(episode).toLowerCase()}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
