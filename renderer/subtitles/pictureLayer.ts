import type { PgsEvent } from './pgs';
import { createOverlayCanvas, placeOverlay, sameBox, setOverlayVisible } from './overlayCanvas';
import { decodeObject, eventAt, parsePgs, pgsLimitsFor } from './pgs';
import type { PictureBox } from './overlayCanvas';

/**
 * Bitmap subtitles (Blu-ray PGS) on a canvas of their own over the picture, like the libass layer:
 * never upscaled by Anime4K, scaled from the disc's video size to the picture on screen, and
 * chosen by each presented frame's media time. An event is decoded when it first shows.
 */
export class PictureLayer {
  private events: PgsEvent[] = [];
  private canvas: HTMLCanvasElement | null = null;
  private visible = true;
  private delaySeconds = 0;
  private box: PictureBox = { x: 0, y: 0, width: 0, height: 0 };
  private drawn: { event: PgsEvent | null; width: number; height: number } | null = null;
  private lastTime: number | null = null;
  private readonly decoded = new WeakMap<PgsEvent, ImageBitmap[]>();
  private rise = 0;

  constructor(private readonly container: HTMLElement) {}

  /**
   * Reads the track; a damaged one throws with where it stops making sense. Pictures larger than
   * the video are left out; the number left out is returned for the viewer.
   */
  show(track: Uint8Array, videoWidth: number, videoHeight: number): number {
    this.clear();
    const { events, skippedObjects } = parsePgs(track, pgsLimitsFor(videoWidth, videoHeight));
    this.events = events;
    this.canvas = createOverlayCanvas(this.container, 'picture-subtitles', this.visible);
    this.setRoom(this.rise);
    this.placeCanvas();
    this.redraw();
    return skippedObjects;
  }

  clear(): void {
    this.events = [];
    this.canvas?.remove();
    this.canvas = null;
    this.drawn = null;
  }

  get showing(): boolean {
    return this.canvas !== null && this.visible;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    setOverlayVisible(this.canvas, visible);
  }

  setDelay(seconds: number): void {
    this.delaySeconds = seconds;
    this.redraw();
  }

  /**
   * Room for the player's bars: a disc's subtitles are pictures placed by the disc, nearly always
   * at the bottom, so the whole layer rises while the bottom bar covers the picture.
   */
  setRoom(bottom: number): void {
    this.rise = bottom;
    if (this.canvas) this.canvas.style.transform = bottom > 0 ? `translateY(${-bottom}px)` : '';
  }

  place(box: PictureBox): void {
    if (sameBox(box, this.box)) return;
    this.box = box;
    this.placeCanvas();
    this.redraw();
  }

  render(mediaTime: number): void {
    this.lastTime = mediaTime;
    const canvas = this.canvas;
    if (!canvas || !this.visible) return;
    const event = eventAt(this.events, mediaTime - this.delaySeconds);
    const drawn = this.drawn;
    if (drawn && drawn.event === event && drawn.width === canvas.width && drawn.height === canvas.height) return;
    this.drawn = { event, width: canvas.width, height: canvas.height };
    void this.draw(canvas, event);
  }

  redraw(): void {
    this.drawn = null;
    if (this.lastTime !== null) this.render(this.lastTime);
  }

  private async draw(canvas: HTMLCanvasElement, event: PgsEvent | null): Promise<void> {
    const context = canvas.getContext('2d');
    if (!context) return;
    const images = event ? await this.imagesOf(event) : [];
    // A newer frame asked for something else while this one decoded.
    if (this.drawn?.event !== event || canvas !== this.canvas) return;
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!event) return;
    const scaleX = canvas.width / event.screenWidth;
    const scaleY = canvas.height / event.screenHeight;
    context.imageSmoothingQuality = 'high';
    event.objects.forEach((object, index) => {
      const image = images[index];
      if (image) context.drawImage(image, object.x * scaleX, object.y * scaleY, object.width * scaleX, object.height * scaleY);
    });
  }

  private async imagesOf(event: PgsEvent): Promise<ImageBitmap[]> {
    const known = this.decoded.get(event);
    if (known) return known;
    const images = await Promise.all(
      event.objects.map((object) => createImageBitmap(new ImageData(decodeObject(object, event.palette), object.width, object.height))),
    );
    this.decoded.set(event, images);
    return images;
  }

  private placeCanvas(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    placeOverlay(canvas, this.box);
    const { width, height } = this.box;
    // Drawn at the display's resolution, as the libass layer is.
    canvas.width = Math.max(1, Math.round(width * devicePixelRatio));
    canvas.height = Math.max(1, Math.round(height * devicePixelRatio));
  }
}
