import * as Tooltip from '@radix-ui/react-tooltip';
import { useEffect } from 'react';
import { defaultSettings } from '../../electron/common/settings';
import { useKirei } from '../store';
import { prewarmSubtitleRenderer } from '../subtitles/warmRenderer';
import { Player } from './Player';
import { SettingsPanel } from './SettingsPanel';
import { StartScreen } from './StartScreen';
import { Toasts } from './Toasts';
import { useFileDrop } from './useFileDrop';
import { refreshLibrary } from './library/libraryActions';
import { openWith, reportOpenFailure } from './opening';

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
    // A store reset at start, a restart after a crash: said once, when the window is there to say it.
    void window.kirei.app
      .notices()
      .then((notices) => notices.forEach((text) => useKirei.getState().pushToast({ kind: 'warning', text })))
      .catch(() => undefined);
    void window.kirei.media
      .listRecent()
      .then((recent) => useKirei.getState().setRecent(recent))
      .catch(() => undefined);
    void refreshLibrary();
    // libass takes a while to start; start it while the viewer picks a file, not after.
    const idle = window.requestIdleCallback(() => prewarmSubtitleRenderer(), { timeout: 3000 });
    const stopLibrary = window.kirei.on('libraryChanged', () => void refreshLibrary());
    const unsubscribe = window.kirei.on('mediaOpened', (result) => {
      if (result.ok) void openWith(() => Promise.resolve(result.media));
      else reportOpenFailure(result.error);
    });
    const onFullscreenChange = () => useKirei.getState().setPlayback({ fullscreen: document.fullscreenElement !== null });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.cancelIdleCallback(idle);
      unsubscribe();
      stopLibrary();
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);

  return (
    <Tooltip.Provider delayDuration={500} skipDelayDuration={300}>
      <div className={`app ${dropActive ? 'app--drop' : ''}`}>
        {settingsLoaded && (screen === 'player' ? <Player /> : <StartScreen />)}
        {settingsLoaded && settingsVisible && <SettingsPanel />}
        {dropActive && <div className="drop-hint">Drop a video to play it</div>}
        <Toasts />
      </div>
    </Tooltip.Provider>
  );
}
