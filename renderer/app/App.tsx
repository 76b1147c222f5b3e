import { useEffect } from 'react';
import { defaultSettings } from '../../electron/common/settings';
import { useKirei } from '../store';
import { Player } from './Player';
import { SettingsPanel } from './SettingsPanel';
import { StartScreen } from './StartScreen';
import { Toasts } from './Toasts';
import { useFileDrop } from './useFileDrop';
import { refreshLibrary } from './library/libraryActions';
import { openWith } from './opening';

export function App() {
  const screen = useKirei((state) => state.screen);
  const settingsLoaded = useKirei((state) => state.settings !== null);
  const settingsVisible = useKirei((state) => state.settingsVisible);
  const dropActive = useFileDrop();

  useEffect(() => {
    window.kirei.settings
      .get()
      .then((settings) => useKirei.getState().setSettings(settings))
      .catch((error: unknown) => {
        useKirei.getState().pushToast({ kind: 'error', text: 'Your settings could not be read; the defaults are used.', detail: String(error) });
        useKirei.getState().setSettings(defaultSettings());
      });
    void window.kirei.media
      .listRecent()
      .then((recent) => useKirei.getState().setRecent(recent))
      .catch(() => undefined);
    void refreshLibrary();
    const stopLibrary = window.kirei.on('libraryChanged', () => void refreshLibrary());
    const unsubscribe = window.kirei.on('mediaOpened', (result) => {
      if (result.ok) void openWith(() => Promise.resolve(result.media));
      else useKirei.getState().setOpenError(result.error);
    });
    const onFullscreenChange = () => useKirei.getState().setPlayback({ fullscreen: document.fullscreenElement !== null });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      unsubscribe();
      stopLibrary();
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);

  return (
    <div className={`app ${dropActive ? 'app--drop' : ''}`}>
      {settingsLoaded && (screen === 'player' ? <Player /> : <StartScreen />)}
      {settingsLoaded && settingsVisible && <SettingsPanel />}
      {dropActive && <div className="drop-hint">Drop a video to play it</div>}
      <Toasts />
    </div>
  );
}
