import { useEffect } from 'react';
import { useKirei } from '../store';
import { Player } from './Player';
import { StartScreen } from './StartScreen';
import { Toasts } from './Toasts';
import { useFileDrop } from './useFileDrop';
import { openWith } from './opening';

export function App() {
  const screen = useKirei((state) => state.screen);
  const dropActive = useFileDrop();

  useEffect(() => {
    void window.kirei.media
      .listRecent()
      .then((recent) => useKirei.getState().setRecent(recent))
      .catch(() => undefined);
    const unsubscribe = window.kirei.on('mediaOpened', (result) => {
      if (result.ok) void openWith(() => Promise.resolve(result.media));
      else useKirei.getState().setOpenError(result.error);
    });
    const onFullscreenChange = () => useKirei.getState().setPlayback({ fullscreen: document.fullscreenElement !== null });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      unsubscribe();
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);

  return (
    <div className={`app ${dropActive ? 'app--drop' : ''}`}>
      {screen === 'player' ? <Player /> : <StartScreen />}
      {dropActive && <div className="drop-hint">Drop a video to play it</div>}
      <Toasts />
    </div>
  );
}
