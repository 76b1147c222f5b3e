import { useKirei } from '../store';
import { LibraryView } from './library/LibraryView';
import { libraryAction } from './library/libraryActions';
import { openWith } from './opening';

export function StartScreen() {
  const recent = useKirei((state) => state.recent);
  const openError = useKirei((state) => state.openError);
  const opening = useKirei((state) => state.opening);
  const hasLibrary = useKirei((state) => (state.library?.folders.length ?? 0) > 0);

  return (
    <main className={`start ${hasLibrary ? 'start--library' : ''}`}>
      <h1 className="start__title">Kirei</h1>
      {!hasLibrary && <p className="start__subtitle">Anime, upscaled live on your graphics card.</p>}
      <button
        type="button"
        className="button button--primary"
        disabled={opening}
        onClick={() => void openWith(() => window.kirei.media.openDialog())}
      >
        {opening ? 'Opening…' : 'Open a video…'}
      </button>
      <p className="start__hint">or drop a file on this window</p>
      {!hasLibrary && (
        <button type="button" className="button" onClick={() => void libraryAction(() => window.kirei.library.addFolderDialog())}>
          Add a folder of episodes…
        </button>
      )}
      <button type="button" className="button button--quiet" onClick={() => useKirei.getState().setSettingsVisible(true)}>
        Settings
      </button>

      {openError && (
        <div className="problem" role="alert">
          <p className="problem__message">{openError.message}</p>
          {openError.detail && <pre className="problem__detail">{openError.detail}</pre>}
        </div>
      )}

      {hasLibrary && <LibraryView />}

      {recent.length > 0 && !hasLibrary && (
        <section className="recent" aria-label="Recent files">
          <div className="recent__header">
            <h2>Recent</h2>
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                void window.kirei.media.clearRecent().then((list) => useKirei.getState().setRecent(list))
              }
            >
              Clear
            </button>
          </div>
          <ul className="recent__list">
            {recent.map((entry) => (
              <li key={entry.key}>
                <button
                  type="button"
                  className="recent__item"
                  onClick={() => void openWith(() => window.kirei.media.openRecent({ key: entry.key }))}
                >
                  <span className="recent__name">{entry.name}</span>
                  <span className="recent__folder">{entry.folder}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
