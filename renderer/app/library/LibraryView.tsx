import { useMemo, useRef } from 'react';
import { seriesKey } from '../../../electron/common/releaseName';
import { useKirei } from '../../store';
import { Icon } from '../Icon';
import { openFromDialog } from '../../player/opening';
import { ContinueWatching } from './ContinueWatching';
import { addFolderFromDialog, libraryAction } from '../../player/libraryActions';
import { OpenProblem } from './OpenProblem';
import { SeriesGrid } from './SeriesGrid';
import { SeriesPage } from './SeriesPage';
import { usePorts } from '../ports';

/** The library's own bar: search, open a file, add a folder, settings. It stays while the page scrolls. */
function LibraryBar() {
  const ports = usePorts();
  const search = useKirei((state) => state.search);
  const opening = useKirei((state) => state.opening);
  const scanning = useKirei((state) => state.library?.scanning ?? false);
  return (
    <header className="library__bar">
      <span className="library__logo">Kirei</span>
      <label className="library__search">
        <Icon name="search" size={18} />
        <input type="search" aria-label="Search the library" placeholder="Search" value={search} onChange={(event) => useKirei.getState().setSearch(event.target.value)} />
      </label>
      {scanning && (
        <span className="library__status" role="status">
          Scanning…
        </span>
      )}
      <button type="button" className="button button--primary" disabled={opening} onClick={() => void openFromDialog(ports)}>
        {opening ? 'Opening…' : 'Open a video…'}
      </button>
      <button type="button" className="button library__add" aria-label="Add a folder…" onClick={() => void addFolderFromDialog(ports)}>
        <Icon name="folder" size={18} />
        <span className="library__add-text">Add a folder…</span>
      </button>
      <button type="button" className="control" aria-label="Settings" title="Settings" onClick={() => useKirei.getState().setSettingsVisible(true)}>
        <Icon name="settings" />
      </button>
    </header>
  );
}

function Folders() {
  const ports = usePorts();
  const folders = useKirei((state) => state.library?.folders ?? []);
  return (
    <details className="library__folders">
      <summary>
        Library folders ({folders.length})
      </summary>
      <ul>
        {folders.map((folder) => (
          <li key={folder.id}>
            <span className="library__folder-path">{folder.path}</span>
            <button type="button" className="button button--quiet button--small" onClick={() => void libraryAction(ports, (bridge) => bridge.library.removeFolder({ id: folder.id }))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Folders of episodes as series: continue watching, search, the grid, a series' episodes. The page scrolls under its bar. */
export function LibraryView() {
  const library = useKirei((state) => state.library);
  const search = useKirei((state) => state.search);
  const openSeries = useKirei((state) => state.openSeries);
  const scroller = useRef<HTMLDivElement>(null);
  const matching = useMemo(() => {
    const wanted = seriesKey(search, null);
    return (library?.series ?? []).filter((series) => !wanted || series.key.includes(wanted) || series.title.toLowerCase().includes(search.toLowerCase()));
  }, [library, search]);
  if (!library) return null;
  const shown = openSeries ? library.series.find((series) => series.key === openSeries) : undefined;

  return (
    <div className="library" data-testid="library">
      <LibraryBar />
      <div ref={scroller} className="library__scroll" data-testid="library-scroll">
        <div className="library__content">
          <OpenProblem />
          {library.notice && (
            <p className="library__notice" role="status">
              {library.notice}
            </p>
          )}
          {library.folders
            .flatMap((folder) => folder.unreadable)
            .map((problem) => (
              <p key={problem.path} className="library__warning" role="status">
                Could not read {problem.path}: {problem.reason}
              </p>
            ))}
          {shown ? (
            <SeriesPage series={shown} />
          ) : (
            <>
              {!search && <ContinueWatching />}
              <section aria-label="All series" className="library__section">
                <h2 className="library__heading">{search ? `Series matching “${search}”` : 'Series'}</h2>
                {matching.length === 0 ? (
                  <p className="library__empty">{library.scanning ? 'Looking for episodes…' : search ? 'No series matches.' : 'No episodes found in these folders yet.'}</p>
                ) : (
                  <SeriesGrid series={matching} scroller={scroller} />
                )}
              </section>
              <Folders />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
