import { useKirei } from '../store';
import { Icon } from './Icon';
import { LibraryView } from './library/LibraryView';
import { addFolderFromDialog } from '../player/libraryActions';
import { OpenProblem } from './library/OpenProblem';
import { openFromDialog, openWith } from '../player/opening';
import { usePorts } from './ports';

/** Files opened lately, for people who keep no library. */
function RecentFiles() {
  const ports = usePorts();
  const recent = useKirei((state) => state.recent);
  if (recent.length === 0) return null;
  return (
    <section className="recent" aria-label="Recent files">
      <div className="recent__header">
        <h2>Recent</h2>
        <button type="button" className="button button--quiet button--small" onClick={() => void ports.bridge.media.clearRecent().then((list) => useKirei.getState().setRecent(list))}>
          Clear
        </button>
      </div>
      <ul className="recent__list">
        {recent.map((entry) => (
          <li key={entry.key}>
            <button type="button" className="recent__item" onClick={() => void openWith(ports, (bridge) => bridge.media.openRecent({ key: entry.key }))}>
              <span className="recent__name">{entry.name}</span>
              <span className="recent__folder">{entry.folder}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The first screen without a library: what Kirei is, and the two ways in. */
function Welcome() {
  const ports = usePorts();
  const opening = useKirei((state) => state.opening);
  return (
    <div className="welcome">
      <h1 className="welcome__title">Kirei</h1>
      <p className="welcome__subtitle">Anime, upscaled live on your graphics card.</p>
      <div className="welcome__actions">
        <button type="button" className="button button--primary" disabled={opening} onClick={() => void openFromDialog(ports)}>
          {opening ? 'Opening…' : 'Open a video…'}
        </button>
        <button type="button" className="button" onClick={() => void addFolderFromDialog(ports)}>
          Add a folder of episodes…
        </button>
      </div>
      <p className="welcome__hint">or drop a video or a folder on this window</p>
      <OpenProblem />
      <RecentFiles />
    </div>
  );
}

export function StartScreen() {
  const hasLibrary = useKirei((state) => (state.library?.folders.length ?? 0) > 0);
  return (
    <main className="start" tabIndex={-1} data-focus-home aria-label={hasLibrary ? 'Library' : 'Start'}>
      {hasLibrary ? (
        <LibraryView />
      ) : (
        <>
          <button type="button" className="control start__settings" aria-label="Settings" onClick={() => useKirei.getState().setSettingsVisible(true)}>
            <Icon name="settings" />
          </button>
          <Welcome />
        </>
      )}
    </main>
  );
}
