import { useEffect, useMemo, useRef, useState } from 'react';
import { buildKeymap, defaultInputConf, parseInputConf } from '../input/keymap';
import { keyName } from '../input/keys';
import { useKirei } from '../store';
import { CompareOverlay } from './CompareOverlay';
import { Controls } from './Controls';
import { HelpOverlay } from './HelpOverlay';
import { Hud } from './Hud';
import { Magnifier } from './Magnifier';
import { NextEpisode } from './library/NextEpisode';
import { PlayerEngine } from './playerEngine';

const controlsHideDelayMs = 2500;

export function Player() {
  const surfaceRef = useRef<HTMLDivElement>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const media = useKirei((state) => state.media);
  const playbackError = useKirei((state) => state.playbackError);
  const osd = useKirei((state) => state.osd);
  const controlsVisible = useKirei((state) => state.controlsVisible);
  const statsVisible = useKirei((state) => state.statsVisible);
  const helpVisible = useKirei((state) => state.helpVisible);
  const inputConf = useKirei((state) => state.settings?.inputConf ?? '');
  const keymap = useMemo(() => {
    const user = parseInputConf(inputConf);
    return buildKeymap(parseInputConf(defaultInputConf).bindings, user.bindings);
  }, [inputConf]);

  useEffect(() => {
    const surface = surfaceRef.current;
    if (!surface) return;
    const created = new PlayerEngine(surface, useKirei);
    setEngine(created);
    window.kireiInspector = {
      captureFrame: () => created.capture(),
      presentedMediaTime: () => created.presentedMediaTime,
      stageInfo: () => {
        const info = created.host.stage?.info;
        return info ? { ...info, reason: useKirei.getState().stage?.reason ?? '' } : null;
      },
      pictureRect: () => created.host.stage?.pictureRect() ?? { x: 0, y: 0, width: 0, height: 0 },
      presetReason: () => useKirei.getState().presetReason,
      messages: () => useKirei.getState().osdLog,
      notices: () => useKirei.getState().toastLog,
      loseContext: () => created.host.stage?.simulateContextLoss() ?? false,
      overrideFrameTime: (milliseconds) => {
        created.frameTimeOverride = milliseconds;
      },
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
      // The magnifier lasts as long as its key is held.
      if (binding.command.name === 'magnifier') {
        useKirei.getState().setMagnifierActive(true);
        return;
      }
      engine.run(binding.command);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      const name = keyName(event);
      const binding = name ? keymap.get(name) : undefined;
      // Shift may be let go first ("H" then "h"): any release of the magnifier's letter ends it.
      const plain = event.key.length === 1 ? keymap.get(event.key.toLowerCase()) : undefined;
      if (binding?.command.name === 'magnifier' || plain?.command.name === 'magnifier') useKirei.getState().setMagnifierActive(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
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
      <div
        ref={surfaceRef}
        className="player__surface"
        onClick={(event) => {
          if (event.target instanceof HTMLCanvasElement) engine?.togglePause();
        }}
        onDoubleClick={() => engine?.run({ name: 'cycle', property: 'fullscreen' })}
        onPointerDown={(event) => {
          if (event.button !== 1) return;
          event.preventDefault();
          useKirei.getState().setMagnifierActive(true);
          const release = () => {
            useKirei.getState().setMagnifierActive(false);
            window.removeEventListener('pointerup', release);
          };
          window.addEventListener('pointerup', release);
        }}
      />
      {engine && <Magnifier engine={engine} />}
      {engine && <CompareOverlay engine={engine} />}
      {osd && (
        <div className="osd" key={osd.id} data-testid="osd">
          {osd.text}
        </div>
      )}
      {engine && statsVisible && <Hud engine={engine} />}
      {helpVisible && <HelpOverlay keymap={keymap} />}
      <NextEpisode />
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
