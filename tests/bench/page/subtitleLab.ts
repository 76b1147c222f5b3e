// The subtitle lab: the player's subtitle layer alone on a transparent page, for comparisons with libass's own renders.
import { SubtitleLayer } from '../../../renderer/subtitles/subtitleLayer';

export interface SubtitleLabRequest {
  /** URLs of the script and the fonts it may use. */
  script: string;
  fonts: string[];
  width: number;
  height: number;
  timeMs: number;
}

async function bytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const surface = document.getElementById('surface') as HTMLElement;
const layer = new SubtitleLayer(surface);
let shown = '';

async function render(request: SubtitleLabRequest): Promise<void> {
  surface.style.width = `${request.width}px`;
  surface.style.height = `${request.height}px`;
  layer.place({ x: 0, y: 0, width: request.width, height: request.height });
  if (shown !== request.script) {
    const script = new TextDecoder().decode(await bytes(request.script));
    await layer.show(script, await Promise.all(request.fonts.map(bytes)));
    shown = request.script;
    // A new worker's first frames can reach the page before its canvas took the new size.
    await layer.render(request.timeMs / 1000, request.width, request.height);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The first call after a size change resizes; the second draws at that size.
  await layer.render(request.timeMs / 1000, request.width, request.height);
  await layer.render(request.timeMs / 1000, request.width, request.height);
  // Two animation frames: the worker's canvas has reached the page.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

declare global {
  interface Window {
    kireiSubtitleLab: { render(request: SubtitleLabRequest): Promise<void> };
  }
}

window.kireiSubtitleLab = { render };
document.title = 'subtitle lab ready';
