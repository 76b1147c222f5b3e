import type { LibrarySeries } from '../../../electron/common/library';
import { useKirei } from '../../store';
import { formatTime } from '../../player/format';
import { Icon } from '../Icon';
import { episodeLabel, seriesSummary } from './episodeText';
import { libraryAction, playEpisode } from '../../player/libraryActions';
import { usePorts } from '../ports';

export function SeriesPage({ series }: { series: LibrarySeries }) {
  const ports = usePorts();
  return (
    <section className="series-page" aria-label={series.title} data-testid="series-page">
      <header className="series-page__header">
        <button type="button" className="button" onClick={() => useKirei.getState().setOpenSeries(null)}>
          ← Library
        </button>
        <div className="series-page__heading">
          <h2>
            {series.title}
            {series.season ? ` · Season ${series.season}` : ''}
          </h2>
          <span className="series-page__count">{seriesSummary(series)}</span>
        </div>
      </header>
      <ul className="episode-list">
        {series.episodes.map((episode) => {
          const progress = episode.duration ? Math.min(1, episode.position / episode.duration) : 0;
          const label = episodeLabel(episode);
          const state = episode.problem ? '' : episode.watched ? ' · watched' : episode.position > 0 ? ` · stopped at ${formatTime(episode.position)}` : '';
          return (
            <li
              key={episode.id}
              className={`episode ${episode.duplicateOf ? 'episode--duplicate' : ''} ${episode.watched ? 'episode--watched' : ''} ${episode.problem ? 'episode--broken' : ''}`}
              data-testid="episode"
            >
              <button type="button" className="episode__play thumbnail" onClick={() => void playEpisode(ports, episode.id)} aria-label={`Play ${label}`}>
                {episode.thumbnailUrl ? <img src={episode.thumbnailUrl} alt="" loading="lazy" /> : <span className="thumbnail__letter">{episode.problem ? <Icon name="warning" /> : series.title.slice(0, 1)}</span>}
                {progress > 0 && !episode.watched && (
                  <span className="thumbnail__progress">
                    <span style={{ width: `${progress * 100}%` }} />
                  </span>
                )}
              </button>
              <div className="episode__text">
                <span className="episode__title">
                  {label}
                  {episode.episodeTitle ? ` · ${episode.episodeTitle}` : ''}
                  {state}
                </span>
                {episode.problem && (
                  <span className="episode__problem" role="note">
                    <Icon name="warning" size={14} /> Cannot be played: {episode.problem}
                  </span>
                )}
                <span className="episode__file" title={episode.fileName}>
                  {episode.fileName}
                  {episode.duplicateOf ? ' · another release is preferred' : ''}
                </span>
              </div>
              {!episode.problem && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => void libraryAction(ports, (bridge) => bridge.library.setWatched({ episodeId: episode.id, watched: !episode.watched }))}
                >
                  {episode.watched ? 'Mark unwatched' : 'Mark watched'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
