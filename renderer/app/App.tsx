import * as Tooltip from '@radix-ui/react-tooltip';
import { useEffect } from 'react';
import { defaultSettings } from '../../electron/common/settings';
import { useKirei } from '../store';
import { prewarmSubtitleRenderer } from '../player/facades';
import { Player } from './Player';
import { SettingsPanel } from './SettingsPanel';
import { StartScreen } from './StartScreen';
import { Toasts } from './Toasts';
import { useFileDrop } from './useFileDrop';
import { refreshLibrary } from '../player/libraryActions';
import { openWith, reportOpenFailure } from '../player/opening';
import { usePorts } from './ports';

export function App() {
  const screen = useKirei((state) => state.screen);
  const settingsLoaded = useKirei((state) => state.settings !== null);
  const settingsVisible = useKirei((state) => state.settingsVisible);
  const dropActive = useFileDrop();
  const ports = usePorts();

  useEffect(() => {
    const { bridge } = ports;
    bridge.settings
      .get()
      .then((settings) => ports.store.getState().setSettings(settings))
      .catch((error: unknown) => {
        ports.store.getState().pushToast({ kind: 'error', text: 'Your settings could not be read; the defaults are used.', detail: String(error) });
        ports.store.getState().setSettings(defaultSettings());
      });
    // A store reset at start, a restart after a crash: said once, when the window is there to say it.
    void bridge.app
      .notices()
      .then((notices) => notices.forEach((text) => ports.store.getState().pushToast({ kind: 'warning', text })))
      .catch(() => undefined);
    void bridge.media
      .listRecent()
      .then((recent) => ports.store.getState().setRecent(recent))
      .catch(() => undefined);
    void refreshLibrary(ports);
    // libass takes a while to start; start it while the viewer picks a file, not after.
    const idle = window.requestIdleCallback(() => prewarmSubtitleRenderer(), { timeout: 3000 });
    const stopLibrary = bridge.on('libraryChanged', () => void refreshLibrary(ports));
    const unsubscribe = bridge.on('mediaOpened', (result) => {
      if (result.ok) void openWith(ports, () => Promise.resolve(result.media));
      else reportOpenFailure(ports, result.error);
    });
    const onFullscreenChange = () => ports.store.getState().setPlayback({ fullscreen: document.fullscreenElement !== null });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.cancelIdleCallback(idle);
      unsubscribe();
      stopLibrary();
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, [ports]);

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
