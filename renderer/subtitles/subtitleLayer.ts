import JASSUB from 'jassub';
import defaultFontUrl from 'jassub/dist/default.woff2?url';
import wasmUrl from 'jassub/dist/wasm/jassub-worker.wasm?url';
import modernWasmUrl from 'jassub/dist/wasm/jassub-worker-modern.wasm?url';
import workerUrl from 'jassub/dist/worker/worker.js?worker&url';
import { createOverlayCanvas, placeOverlay, sameBox, setOverlayVisible } from './overlayCanvas';

export interface PictureBox {
  /** CSS pixels within the player surface. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Subtitles drawn by libass (JASSUB: a worker with libass compiled to WebAssembly) on a canvas of
 * their own laid exactly over the picture, at the display's resolution. They are never part of
 * the upscaled image, so Anime4K neither sharpens nor blurs them. The player drives the clock:
 * each presented video frame asks for the subtitles of its media time, so they follow seeks,
 * pauses and speed changes frame by frame; libass works in the worker, so heavy typesetting
 * delays only the subtitles, never the video.
 */
export class SubtitleLayer {
  private instance: JASSUB | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private generation = 0;
  private visible = true;
  private delaySeconds = 0;
  private last: { mediaTime: number; width: number; height: number } | null = null;
  private box: PictureBox = { x: 0, y: 0, width: 0, height: 0 };

  constructor(private readonly container: HTMLElement) {}

  /** Shows a script; fonts are the file's own and those the main process found for it. */
  async show(script: string, fonts: Uint8Array[]): Promise<void> {
    this.clear();
    const generation = this.generation;
    const canvas = createOverlayCanvas(this.container, 'subtitles', this.visible);
    this.canvas = canvas;
    placeOverlay(canvas, this.box);
    const instance = new JASSUB({
      canvas,
      subContent: script,
      // The fallback font loads before the first frame: loaded on demand, a paused frame would stay blank.
      fonts: [defaultFontUrl, ...fonts],
      workerUrl,
      wasmUrl,
      modernWasmUrl,
      availableFonts: { 'liberation sans': defaultFontUrl },
      // Installed fonts come from the main process by name; the page asks no one else.
      queryFonts: false,
      timeOffset: -this.delaySeconds,
    });
    try {
      await instance.ready;
    } catch (error) {
      void instance.destroy().catch(() => undefined);
      throw error;
    }
    // The worker reports a failed start only to its console; an instance without a renderer is one.
    if (!(instance.renderer as unknown)) {
      void instance.destroy().catch(() => undefined);
      throw new Error('The subtitle renderer (libass) could not start.');
    }
    if (generation !== this.generation) {
      // Another track (or none) was chosen while this one started.
      void instance.destroy().catch(() => undefined);
      return;
    }
    this.instance = instance;
    if (this.last) void instance.manualRender({ ...this.last, expectedDisplayTime: performance.now() }, true);
  }

  /** The same track with a changed script (another scale): libass reads it again, fonts and worker kept. */
  async replaceScript(script: string): Promise<void> {
    const instance = this.instance;
    if (!instance) return;
    await instance.renderer.setTrack(script);
    if (instance === this.instance) this.redraw();
  }

  /** No subtitles: the viewer chose none, or the file closed. */
  clear(): void {
    this.generation++;
    this.destroyInstance();
    this.canvas?.remove();
    this.canvas = null;
  }

  get active(): boolean {
    return this.instance !== null;
  }

  /** Subtitles are on screen: a track is shown and not hidden. */
  get showing(): boolean {
    return this.instance !== null && this.visible;
  }

  /** Hidden without leaving the layout: a canvas with no size would make libass start over at 0×0. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    setOverlayVisible(this.canvas, visible);
  }

  /** Positive delays show subtitles later, as mpv's sub-delay does. */
  setDelay(seconds: number): void {
    this.delaySeconds = seconds;
    if (this.instance) this.instance.timeOffset = -seconds;
    this.redraw();
  }

  /** Where the picture lies in the player surface, in CSS pixels. */
  place(box: PictureBox): void {
    if (sameBox(box, this.box)) return;
    this.box = box;
    if (this.canvas) placeOverlay(this.canvas, box);
    this.redraw();
  }

  /** The subtitles for one video frame; settles when the worker has drawn them (or skipped the frame for a newer one). */
  render(mediaTime: number, videoWidth: number, videoHeight: number, repaint = false): Promise<void> {
    this.last = { mediaTime, width: videoWidth, height: videoHeight };
    if (!this.instance || !this.visible) return Promise.resolve();
    return this.instance.manualRender({ ...this.last, expectedDisplayTime: performance.now() }, repaint).catch(() => undefined);
  }

  /**
   * Draws the last frame's subtitles again (delay changed, shown again, resized while paused).
   * A repaint: libass would otherwise skip a frame whose subtitles did not change, leaving a
   * freshly sized canvas empty.
   */
  redraw(): void {
    if (this.last) void this.render(this.last.mediaTime, this.last.width, this.last.height, true);
  }

  dispose(): void {
    this.clear();
  }

  private destroyInstance(): void {
    const instance = this.instance;
    this.instance = null;
    // destroy() removes the canvas and ends the worker; a failure there leaves nothing to show.
    if (instance) void instance.destroy().catch(() => undefined);
  }
}
