import { useEffect, useMemo, useRef, useState } from 'react';
import { buildKeymap, defaultInputConf, parseInputConf } from '../input/keymap';
import { keyName } from '../input/keys';
import { useKirei } from '../store';
import { Controls } from './Controls';
import { PlayerEngine } from './playerEngine';

const controlsHideDelayMs = 2500;

export function Player() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const media = useKirei((state) => state.media);
  const playbackError = useKirei((state) => state.playbackError);
  const osd = useKirei((state) => state.osd);
  const controlsVisible = useKirei((state) => state.controlsVisible);
  const keymap = useMemo(() => buildKeymap(parseInputConf(defaultInputConf).bindings), []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let created: PlayerEngine;
    try {
      created = new PlayerEngine(canvas, useKirei);
    } catch (error) {
      useKirei.getState().setPlayback({
        playbackError: `The picture cannot be drawn: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    setEngine(created);
    window.kireiInspector = {
      captureFrame: () => created.capture(),
      presentedMediaTime: () => created.presentedMediaTime,
      stageInfo: () => created.stageInfo,
      loseContext: () => created.loseContextForTest(),
    };
    return () => {
      delete window.kireiInspector;
      created.dispose();
      setEngine(null);
    };
  }, []);

  useEffect(() => {
    if (engine && media) engine.open(media);
  }, [engine, media]);

  useEffect(() => {
    if (!engine) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) {
        if (target.getAttribute('type') !== 'range') return;
      }
      const name = keyName(event);
      const binding = name ? keymap.get(name) : undefined;
      if (!binding) return;
      event.preventDefault();
      engine.run(binding.command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [engine, keymap]);

  useEffect(() => {
    let timer = 0;
    const show = () => {
      useKirei.getState().setControlsVisible(true);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (!useKirei.getState().paused) useKirei.getState().setControlsVisible(false);
      }, controlsHideDelayMs);
    };
    window.addEventListener('mousemove', show);
    window.addEventListener('keydown', show);
    show();
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('mousemove', show);
      window.removeEventListener('keydown', show);
    };
  }, []);

  return (
    <main className={`player ${controlsVisible ? '' : 'player--idle'}`} aria-label="Player">
      <div className="player__surface" onDoubleClick={() => engine?.run({ name: 'cycle', property: 'fullscreen' })}>
        <canvas ref={canvasRef} className="player__canvas" data-testid="stage" onClick={() => engine?.togglePause()} />
      </div>
      {osd && (
        <div className="osd" key={osd.id} data-testid="osd">
          {osd.text}
        </div>
      )}
      {playbackError && (
        <div className="problem problem--overlay" role="alert" data-testid="playback-error">
          <p className="problem__message">{playbackError}</p>
          <button type="button" className="button" onClick={() => engine?.close()}>
            Back
          </button>
        </div>
      )}
      {media && engine && <Controls engine={engine} title={media.name} />}
    </main>
  );
}
