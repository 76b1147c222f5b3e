import { useEffect, useMemo, useRef, useState } from 'react';
import { buildKeymap, defaultInputConf, parseInputConf } from '../input/keymap';
import { keyName } from '../input/keys';
import { useKirei } from '../store';
import { CompareOverlay } from './CompareOverlay';
import { Controls } from './controls/Controls';
import { TopBar } from './controls/TopBar';
import { focusHome, isInsideMenu, isTextField } from './focus';
import { HelpOverlay } from './HelpOverlay';
import { Hud } from './Hud';
import { Magnifier } from './Magnifier';
import { NextEpisode } from './library/NextEpisode';
import { PlaybackProblem } from './PlaybackProblem';
import { PlayerEngine } from '../player/engine';
import { usePorts } from './ports';
import { useControlsVisibility } from './useControlsVisibility';
import { useSubtitleLift } from './useSubtitleLift';

export function Player() {
  const surfaceRef = useRef<HTMLDivElement>(null);
  const barsRef = useRef<HTMLDivElement>(null);
  const ports = usePorts();
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const controls = engine?.controls ?? null;
  const media = useKirei((state) => state.media);
  const playbackError = useKirei((state) => state.playbackError);
  const pictureShown = useKirei((state) => state.pictureShown);
  const buffering = useKirei((state) => state.buffering);
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
    const created = new PlayerEngine(surface, ports);
    setEngine(created);
    window.kireiInspector = created.inspector();
    focusHome();
    return () => {
      delete window.kireiInspector;
      created.dispose();
      setEngine(null);
    };
  }, [ports]);

  useEffect(() => {
    if (engine && media) engine.open(media);
  }, [engine, media]);

  const closeRequests = useKirei((state) => state.closeRequests);
  useEffect(() => {
    if (closeRequests > 0) controls?.close();
    // Only new requests close: the count when the player opened is history.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [closeRequests]);

  useControlsVisibility(barsRef);
  useSubtitleLift(controls, surfaceRef, barsRef, controlsVisible);

  useEffect(() => {
    if (!controls) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextField(event.target) || isInsideMenu(event.target)) return;
      // A button reached with Tab answers Space and Enter itself; a mouse click never leaves focus on one.
      if (event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) return;
      const state = useKirei.getState();
      if (event.key === 'Escape' && state.helpVisible) {
        event.preventDefault();
        state.setHelpVisible(false);
        return;
      }
      const name = keyName(event);
      const binding = name ? keymap.get(name) : undefined;
      if (!binding) return;
      event.preventDefault();
      // The magnifier lasts as long as its key is held.
      if (binding.command.name === 'magnifier') {
        state.setMagnifierActive(true);
        return;
      }
      controls.run(binding.command);
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
  }, [controls, keymap]);

  const waiting = !playbackError && media !== null && (!pictureShown || buffering);
  return (
    <main className={`player ${controlsVisible ? '' : 'player--idle'}`} aria-label="Player" tabIndex={-1} data-focus-home>
      <div
        ref={surfaceRef}
        className="player__surface"
        onClick={(event) => {
          if (event.target instanceof HTMLCanvasElement) controls?.togglePause();
        }}
        onDoubleClick={() => controls?.run({ name: 'cycle', property: 'fullscreen' })}
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
      {waiting && <div className="spinner" role="progressbar" aria-label="Loading the picture" data-testid="spinner" />}
      {engine && <Magnifier picture={engine.picture} />}
      {engine && <CompareOverlay picture={engine.picture} />}
      {osd && (
        <div className="osd" key={osd.id} data-testid="osd">
          {osd.text}
        </div>
      )}
      {engine && statsVisible && <Hud picture={engine.picture} />}
      {helpVisible && <HelpOverlay keymap={keymap} />}
      <NextEpisode />
      {playbackError && <PlaybackProblem problem={playbackError} onBack={() => controls?.close()} />}
      <div ref={barsRef} className="player__bars">
        <TopBar onBack={() => controls?.close()} />
        {media && controls && <Controls controls={controls} />}
      </div>
    </main>
  );
}
