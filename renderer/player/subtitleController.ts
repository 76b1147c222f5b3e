import { toErrorShape } from '../../electron/common/errors';
import type { OpenedMedia } from '../../electron/common/media';
import { PictureLayer } from '../subtitles/pictureLayer';
import type { PictureBox } from '../subtitles/overlayCanvas';
import { SubtitleLayer } from '../subtitles/subtitleLayer';
import { scaleScript } from '../subtitles/scriptScale';
import { defaultTrack, nextTrack } from '../subtitles/trackChoice';
import type { PlayerPorts } from './ports';
import { updateSettings } from './settingsActions';

/**
 * The open file's subtitles: lists its tracks when it opens, shows the default one once the
 * picture is already playing (subtitles never hold up playback), and answers the track menu and
 * mpv's subtitle keys.
 */
export class SubtitleController {
  /** Text tracks, drawn by libass. */
  readonly layer: SubtitleLayer;
  /** Bitmap tracks (PGS), drawn from their pictures. */
  private readonly pictures: PictureLayer;
  private media: OpenedMedia | null = null;
  private request = 0;
  /** The shown track as loaded, before scaling, and the scale it is shown at. */
  private script: { content: string; scale: number } | null = null;
  /** CSS pixels of the surface's top and bottom that the player's bars cover now. */
  private covered = { top: 0, bottom: 0 };
  private box: PictureBox = { x: 0, y: 0, width: 0, height: 0 };

  constructor(
    private readonly container: HTMLElement,
    private readonly ports: PlayerPorts,
  ) {
    this.layer = new SubtitleLayer(container);
    this.pictures = new PictureLayer(container);
  }

  /** Subtitles are on screen (either kind): a screenshot with subtitles captures them. */
  get showing(): boolean {
    return this.layer.showing || this.pictures.showing;
  }

  /** The picture moved or changed size: both layers follow and draw again. */
  place(box: PictureBox): void {
    this.layer.place(box);
    this.layer.redraw();
    this.pictures.place(box);
    this.makeRoom(box);
  }

  /**
   * The bars cover this much of the surface's top and bottom (0 while hidden): subtitles keep
   * clear of the part that covers the picture, so the bottom line is never under the seek bar.
   */
  setCovered(top: number, bottom: number): void {
    if (top === this.covered.top && bottom === this.covered.bottom) return;
    this.covered = { top, bottom };
    this.makeRoom(this.box);
  }

  private makeRoom(box: PictureBox): void {
    this.box = box;
    if (box.height <= 0) return;
    const top = Math.max(0, Math.ceil(this.covered.top - box.y));
    const bottom = Math.max(0, Math.ceil(box.y + box.height - (this.container.clientHeight - this.covered.bottom)));
    void this.layer.setRoom(top, bottom);
    this.pictures.setRoom(bottom);
  }

  async open(media: OpenedMedia): Promise<void> {
    this.close();
    this.media = media;
    const request = this.request;
    try {
      const tracks = await this.ports.bridge.subtitles.list({ mediaId: media.id });
      if (request !== this.request) return;
      this.ports.store.getState().setSubtitleTracks(tracks);
      const chosen = defaultTrack(tracks);
      if (chosen) await this.select(chosen.id, false);
    } catch (error) {
      this.report('The subtitle tracks could not be listed', error);
    }
  }

  close(): void {
    this.request++;
    this.media = null;
    this.layer.clear();
    this.pictures.clear();
    const state = this.ports.store.getState();
    state.setSubtitleTracks([]);
    state.setSubtitleTrack(null);
    state.setSubtitleDelay(0);
    this.layer.setDelay(0);
    this.pictures.setDelay(0);
  }

  /** Shows a track (null: none). Announced on screen unless it is the automatic first pick. */
  async select(trackId: string | null, announce = true): Promise<void> {
    const media = this.media;
    if (!media) return;
    const request = ++this.request;
    const state = this.ports.store.getState();
    state.setSubtitleTrack(trackId);
    const track = state.subtitleTracks.find((candidate) => candidate.id === trackId) ?? null;
    this.script = null;
    if (!track) {
      this.layer.clear();
      this.pictures.clear();
      if (announce) state.showOsd('Subtitles: off');
      return;
    }
    try {
      const loaded = await this.ports.bridge.subtitles.load({ mediaId: media.id, trackId: track.id });
      if (request !== this.request) return;
      if (loaded.pgs !== null) {
        this.layer.clear();
        const skipped = this.pictures.show(loaded.pgs, media.probe.video?.width ?? 0, media.probe.video?.height ?? 0);
        if (skipped > 0) this.ports.store.getState().pushToast({ kind: 'warning', text: `${skipped} subtitle picture${skipped === 1 ? ' was' : 's were'} larger than the video and left out.` });
      } else {
        this.pictures.clear();
        const scale = this.scale();
        await this.layer.show(scaleScript(loaded.content, scale), loaded.fonts.map((font) => font.data));
        if (request !== this.request) return;
        this.script = { content: loaded.content, scale };
      }
      if (announce) this.ports.store.getState().showOsd(`Subtitles: ${track.label}`);
      for (const warning of loaded.warnings) this.ports.store.getState().pushToast({ kind: 'warning', text: warning });
    } catch (error) {
      if (request !== this.request) return;
      this.ports.store.getState().setSubtitleTrack(null);
      this.layer.clear();
      this.pictures.clear();
      this.report(`The subtitles “${track.label}” could not be shown`, error);
    }
  }

  cycle(direction: 1 | -1): void {
    const state = this.ports.store.getState();
    if (!state.subtitleTracks.some((track) => track.renderable)) {
      state.showOsd('Subtitles: none in this file');
      return;
    }
    void this.select(nextTrack(state.subtitleTracks, state.subtitleTrackId, direction));
  }

  toggleVisible(): void {
    const state = this.ports.store.getState();
    const visible = !state.subtitleVisible;
    state.setSubtitleVisible(visible);
    this.layer.setVisible(visible);
    this.pictures.setVisible(visible);
    if (visible) {
      this.layer.redraw();
      this.pictures.redraw();
    }
    state.showOsd(visible ? 'Subtitles: visible' : 'Subtitles: hidden');
  }

  addDelay(seconds: number): void {
    const state = this.ports.store.getState();
    // Whole tenths, so that repeated presses do not drift by rounding.
    const delay = Math.round((state.subtitleDelay + seconds) * 1000) / 1000;
    state.setSubtitleDelay(delay);
    this.layer.setDelay(delay);
    this.pictures.setDelay(delay);
    state.showOsd(`Subtitle delay: ${Math.round(delay * 1000)} ms`);
  }

  /** mpv's sub-scale: every font size, in steps of 10 %, kept in the settings. */
  addScale(step: number): void {
    const state = this.ports.store.getState();
    const settings = state.settings;
    if (!settings) return;
    const scale = Math.min(3, Math.max(0.5, Math.round((settings.subtitles.scale + step) * 100) / 100));
    void updateSettings(this.ports, { subtitles: { scale } });
    state.showOsd(`Subtitle scale: ${Math.round(scale * 100)} %`);
  }

  /** The settings changed: shows the track again at a new scale, without reloading it. */
  applySettings(): void {
    const script = this.script;
    const scale = this.scale();
    if (!script || script.scale === scale) return;
    this.script = { ...script, scale };
    void this.layer.replaceScript(scaleScript(script.content, scale));
  }

  private scale(): number {
    return this.ports.store.getState().settings?.subtitles.scale ?? 1;
  }

  frame(mediaTime: number, videoWidth: number, videoHeight: number, box: PictureBox): void {
    this.layer.place(box);
    void this.layer.render(mediaTime, videoWidth, videoHeight);
    this.pictures.place(box);
    this.pictures.render(mediaTime);
    if (box.height !== this.box.height || box.y !== this.box.y) this.makeRoom(box);
  }

  dispose(): void {
    this.close();
  }

  private report(text: string, error: unknown): void {
    const shape = toErrorShape(error);
    this.ports.store.getState().pushToast({ kind: 'error', text: `${text}: ${shape.message}`, detail: shape.detail });
  }
}
