import type JASSUB from 'jassub';
import { playResY, stylesWithRoom } from './barRoom';
import type { PictureBox } from './overlayCanvas';
import { adoptOverlayCanvas, placeOverlay, sameBox, setOverlayVisible } from './overlayCanvas';
import { takeSubtitleRenderer } from './warmRenderer';

/** A style as libass holds it, as JASSUB hands it across to the page and back. */
type AssStyle = Parameters<JASSUB['renderer']['setStyle']>[0];

/** The frame settings of libass's binding in the worker, as the page reaches them (each call a message). */
interface LibassFrame {
  setMargin(top: number, bottom: number, left: number, right: number): Promise<void>;
}

/**
 * Lets libass place the lines on screen again. To keep dialogue from jumping while other lines
 * come and go, libass fixes a line where it first placed it until the line ends, and forgets
 * those places only when its settings change (ass_reconfigure): a style's new margin alone moves
 * none of the lines already shown, and a paused line stays under the bar. Changing the frame's
 * margins and putting them straight back makes libass start over without changing how it draws;
 * both messages leave in one task, so no drawing in the worker can fall between them.
 */
function placeAfresh(instance: JASSUB): Promise<unknown> {
  // libass's own binding, which the worker holds as `_wasm`; JASSUB's published types do not reach it.
  const library = (instance.renderer as unknown as { _wasm: LibassFrame })._wasm;
  return Promise.all([library.setMargin(0, 0, 0, 1), library.setMargin(0, 0, 0, 0)]);
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
  /** CSS pixels of the picture's top and bottom that the player's bars cover now. */
  private room = { top: 0, bottom: 0 };
  /** The script's styles as written, the margins applied now, and its height in script units. */
  private styles: { originals: AssStyle[]; applied: number[]; scriptHeight: number } | null = null;
  private resizeObserver: ResizeObserver | null = null;
  /** Margin changes go to libass one batch after another (see applyRoom). */
  private roomChanges: Promise<unknown> = Promise.resolve();

  constructor(private readonly container: HTMLElement) {}

  /** Shows a script; fonts are the file's own and those the main process found for it. */
  async show(script: string, fonts: Uint8Array[]): Promise<void> {
    this.clear();
    const generation = this.generation;
    // libass was started ahead (see warmRenderer): only the script and the fonts remain to give it.
    const { canvas, instance } = takeSubtitleRenderer();
    adoptOverlayCanvas(canvas, this.container, 'subtitles', this.visible);
    this.canvas = canvas;
    placeOverlay(canvas, this.box);
    instance.timeOffset = -this.delaySeconds;
    try {
      await instance.ready;
      if (instance.renderer as unknown) {
        if (fonts.length > 0) await instance.renderer.addFonts(fonts);
        await instance.renderer.setTrack(script);
      }
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
    // JASSUB resizes its canvas from a ResizeObserver of its own and then draws only what changed,
    // which leaves a paused frame's canvas blank; this observer, made after JASSUB's, runs after
    // it and asks for a full repaint (the worker takes the resize first: its messages keep order).
    this.resizeObserver = new ResizeObserver(() => this.redraw());
    this.resizeObserver.observe(canvas);
    await this.readStyles(script);
    if (this.last) void instance.manualRender({ ...this.last, expectedDisplayTime: performance.now() }, true);
  }

  /**
   * Keeps dialogue clear of the player's bars: the styles at the picture's bottom (top) edge get
   * a larger vertical margin while the bar covers that edge; they go back when it hides.
   */
  async setRoom(top: number, bottom: number): Promise<void> {
    this.room = { top, bottom };
    if (await this.applyRoom()) await this.repaintMoved();
    if (this.room.top === top && this.room.bottom === bottom) this.markRoom();
  }

  /**
   * Draws the lines where their new margins put them. A paused picture gets no next frame, and
   * JASSUB may answer a repaint that meets its own resize with a plain render that libass finds
   * unchanged: one more on the next display refresh makes the moved lines what stays on screen.
   */
  private async repaintMoved(): Promise<void> {
    const last = this.last;
    if (!last) return;
    await this.render(last.mediaTime, last.width, last.height, true);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (this.last) await this.render(this.last.mediaTime, this.last.width, this.last.height, true);
  }

  /** Says on the canvas how much room the drawn subtitles keep, for whoever checks the layout. */
  private markRoom(): void {
    if (this.canvas) this.canvas.dataset['room'] = `${Math.round(this.room.top)} ${Math.round(this.room.bottom)}`;
  }

  private async readStyles(script: string): Promise<void> {
    const instance = this.instance;
    if (!instance) return;
    const originals = await instance.renderer.getStyles();
    if (instance !== this.instance) return;
    this.styles = { originals, applied: originals.map((style) => style.MarginV), scriptHeight: playResY(script) };
    // A frame drawn before the styles were known was drawn without the room: draw it again.
    if (await this.applyRoom()) await this.repaintMoved();
    if (instance === this.instance) this.markRoom();
  }

  /**
   * Sends the styles whose margins changed to libass; true when any did. One call after another:
   * bars that hide and come back while a busy worker still takes the first change would otherwise
   * compare with margins not yet applied, find nothing to send, and leave the lines under the bar.
   */
  private applyRoom(): Promise<boolean> {
    const next = this.roomChanges.then(() => this.sendRoom());
    this.roomChanges = next.catch(() => false);
    return next;
  }

  private async sendRoom(): Promise<boolean> {
    const instance = this.instance;
    const styles = this.styles;
    if (!instance || !styles) return false;
    const wanted = stylesWithRoom(styles.originals, this.room, this.box.height, styles.scriptHeight);
    const changes = wanted.flatMap((style, index) => (style.MarginV === styles.applied[index] ? [] : [{ style, index }]));
    if (changes.length === 0) return false;
    // A margin counts as applied once libass took it: one the worker refused or lost is sent again
    // by the next call, instead of being believed and leaving a line under the bar.
    const results = await Promise.allSettled(
      changes.map(({ style, index }) =>
        instance.renderer.setStyle(style, index).then(() => {
          if (this.styles === styles) styles.applied[index] = style.MarginV;
        }),
      ),
    );
    const refused = results.filter((result) => result.status === 'rejected').length;
    if (refused > 0) console.warn(`libass did not take ${refused} of ${changes.length} subtitle style changes; trying again`);
    await placeAfresh(instance);
    return true;
  }

  /** The same track with a changed script (another scale): libass reads it again, fonts and worker kept. */
  async replaceScript(script: string): Promise<void> {
    const instance = this.instance;
    if (!instance) return;
    await instance.renderer.setTrack(script);
    if (instance !== this.instance) return;
    await this.readStyles(script);
    this.redraw();
  }

  /** No subtitles: the viewer chose none, or the file closed. */
  clear(): void {
    this.generation++;
    this.styles = null;
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
    // The room is in CSS pixels: a picture of another height needs other margins in script units.
    void this.applyRoom().then((moved) => (moved ? this.repaintMoved() : this.redraw()));
  }

  /** The subtitles for one video frame; settles when the worker has drawn them (or skipped the frame for a newer one). */
  async render(mediaTime: number, videoWidth: number, videoHeight: number, repaint = false): Promise<void> {
    this.last = { mediaTime, width: videoWidth, height: videoHeight };
    const instance = this.instance;
    if (!instance || !this.visible) return;
    // JASSUB answers a request made while it draws with a plain render once it is free, dropping
    // the repaint: a paused picture whose styles just changed would keep the old drawing. Wait.
    if (repaint) while (instance.busy && instance === this.instance) await new Promise((resolve) => setTimeout(resolve, 4));
    const last = this.last;
    await instance.manualRender({ ...last, expectedDisplayTime: performance.now() }, repaint).catch(() => undefined);
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
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    const instance = this.instance;
    this.instance = null;
    // destroy() removes the canvas and ends the worker; a failure there leaves nothing to show.
    if (instance) void instance.destroy().catch(() => undefined);
  }
}
