import { useMemo } from 'react';
import { seriesKey } from '../../../electron/common/releaseName';
import { useKirei } from '../../store';
import { libraryAction, playEpisode } from './libraryActions';
import { SeriesGrid } from './SeriesGrid';
import { SeriesPage } from './SeriesPage';

function ContinueWatching() {
  const library = useKirei((state) => state.library);
  if (!library || library.continueWatching.length === 0) return null;
  const lookup = new Map(library.series.map((series) => [series.key, series]));
  return (
    <section className="continue" aria-label="Continue watching">
      <h2>Continue watching</h2>
      <div className="continue__row">
        {library.continueWatching.map((item) => {
          const series = lookup.get(item.seriesKey);
          const episode = series?.episodes.find((candidate) => candidate.id === item.episodeId);
          if (!series || !episode) return null;
          return (
            <button key={item.episodeId} type="button" className="continue__item" onClick={() => void playEpisode(item.episodeId)}>
              {episode.thumbnailUrl ? <img src={episode.thumbnailUrl} alt="" /> : <span className="continue__placeholder" />}
              <span className="continue__title">{series.title}</span>
              <span className="continue__episode">
                {item.reason === 'resume' ? 'Resume' : 'Next'} · episode {episode.episode ?? '?'}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}

/** Folders of episodes as series: continue watching, search, the grid, a series' episodes. */
export function LibraryView() {
  const library = useKirei((state) => state.library);
  const search = useKirei((state) => state.search);
  const openSeries = useKirei((state) => state.openSeries);
  const matching = useMemo(() => {
    const wanted = seriesKey(search, null);
    return (library?.series ?? []).filter((series) => !wanted || series.key.includes(wanted) || series.title.toLowerCase().includes(search.toLowerCase()));
  }, [library, search]);
  if (!library) return null;
  const shown = openSeries ? library.series.find((series) => series.key === openSeries) : undefined;

  return (
    <div className="library" data-testid="library">
      <div className="library__bar">
        <input type="search" className="library__search" aria-label="Search the library" placeholder="Search" value={search} onChange={(event) => useKirei.getState().setSearch(event.target.value)} />
        <button type="button" className="button" onClick={() => void libraryAction(() => window.kirei.library.addFolderDialog())}>
          Add a folder…
        </button>
        {library.scanning && <span className="library__status">Scanning…</span>}
      </div>
      {library.notice && (
        <p className="problem__message" role="status">
          {library.notice}
        </p>
      )}
      {library.folders.flatMap((folder) => folder.unreadable).map((problem) => (
        <p key={problem.path} className="library__warning" role="status">
          Could not read {problem.path}: {problem.reason}
        </p>
      ))}
      {shown ? (
        <SeriesPage series={shown} />
      ) : (
        <>
          {!search && <ContinueWatching />}
          <SeriesGrid series={matching} />
          <details className="library__folders">
            <summary>Folders ({library.folders.length})</summary>
            <ul>
              {library.folders.map((folder) => (
                <li key={folder.id}>
                  {folder.path}{' '}
                  <button type="button" className="button button--quiet" onClick={() => void libraryAction(() => window.kirei.library.removeFolder({ id: folder.id }))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </div>
  );
}
