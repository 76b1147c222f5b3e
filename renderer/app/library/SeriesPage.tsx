import type { LibraryEpisode, LibrarySeries } from '../../../electron/common/library';
import { useKirei } from '../../store';
import { formatTime } from '../format';
import { libraryAction, playEpisode } from './libraryActions';

const kindLabels: Record<LibraryEpisode['kind'], string> = {
  episode: 'Episode',
  special: 'Special',
  ova: 'OVA',
  oad: 'OAD',
  ncop: 'Creditless opening',
  nced: 'Creditless ending',
  movie: 'Film',
  extra: 'Extra',
};

function episodeLabel(episode: LibraryEpisode): string {
  const number = episode.episode === null ? '' : ` ${episode.episode}${episode.episodeEnd ? `–${episode.episodeEnd}` : ''}`;
  return `${kindLabels[episode.kind]}${number}`;
}

export function SeriesPage({ series }: { series: LibrarySeries }) {
  return (
    <section className="series-page" aria-label={series.title} data-testid="series-page">
      <header className="series-page__header">
        <button type="button" className="button" onClick={() => useKirei.getState().setOpenSeries(null)}>
          ← Library
        </button>
        <h2>
          {series.title}
          {series.season ? ` · Season ${series.season}` : ''}
        </h2>
        <span className="series-page__count">
          {series.watchedCount} / {series.episodeCount} watched
        </span>
      </header>
      <ul className="episode-list">
        {series.episodes.map((episode) => {
          const progress = episode.duration ? Math.min(1, episode.position / episode.duration) : 0;
          return (
            <li key={episode.id} className={`episode ${episode.duplicateOf ? 'episode--duplicate' : ''} ${episode.watched ? 'episode--watched' : ''}`}>
              <button type="button" className="episode__play" onClick={() => void playEpisode(episode.id)} aria-label={`Play ${episodeLabel(episode)}`}>
                {episode.thumbnailUrl ? <img src={episode.thumbnailUrl} alt="" loading="lazy" /> : <span className="episode__placeholder" />}
              </button>
              <div className="episode__text">
                <span className="episode__title">
                  {episodeLabel(episode)}
                  {episode.watched ? ' · watched' : episode.position > 0 ? ` · stopped at ${formatTime(episode.position)}` : ''}
                </span>
                <span className="episode__file">
                  {episode.fileName}
                  {episode.duplicateOf ? ' · another release is preferred' : ''}
                </span>
                {progress > 0 && !episode.watched && (
                  <div className="episode__progress">
                    <div style={{ width: `${progress * 100}%` }} />
                  </div>
                )}
              </div>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void libraryAction(() => window.kirei.library.setWatched({ episodeId: episode.id, watched: !episode.watched }))}
              >
                {episode.watched ? 'Mark unwatched' : 'Mark watched'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
