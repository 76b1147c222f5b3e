import JASSUB from 'jassub';
import defaultFontUrl from 'jassub/dist/default.woff2?url';
import wasmUrl from 'jassub/dist/wasm/jassub-worker.wasm?url';
import modernWasmUrl from 'jassub/dist/wasm/jassub-worker-modern.wasm?url';
import workerUrl from 'jassub/dist/worker/worker.js?worker&url';

/** libass in its worker, started and waiting for a script: its canvas goes wherever it is needed. */
export interface SubtitleRenderer {
  canvas: HTMLCanvasElement;
  instance: JASSUB;
}

const emptyScript = '[Script Info]\nScriptType: v4.00+\n';
let waiting: SubtitleRenderer | null = null;

function start(): SubtitleRenderer {
  const canvas = document.createElement('canvas');
  const instance = new JASSUB({
    canvas,
    subContent: emptyScript,
    // The fallback font loads before the first frame: loaded on demand, a paused frame would stay blank.
    fonts: [defaultFontUrl],
    workerUrl,
    wasmUrl,
    modernWasmUrl,
    availableFonts: { 'liberation sans': defaultFontUrl },
    // Installed fonts come from the main process by name; the page asks no one else.
    queryFonts: false,
  });
  // A start that fails is found by whoever takes it.
  instance.ready.catch(() => undefined);
  return { canvas, instance };
}

/**
 * Starts libass (a worker, its WebAssembly and the fallback font) before any subtitle is needed:
 * on a busy machine that start takes seconds, and a file's subtitles should appear with its
 * first picture. One renderer waits at a time; taking it starts the next when the page is idle.
 */
export function prewarmSubtitleRenderer(): void {
  waiting ??= start();
}

/** The waiting renderer, or a new one; the next is started in the background. */
export function takeSubtitleRenderer(): SubtitleRenderer {
  const taken = waiting ?? start();
  waiting = null;
  const later = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 1000));
  later(() => prewarmSubtitleRenderer());
  return taken;
}
