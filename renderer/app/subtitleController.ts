import { toErrorShape } from '../../electron/common/errors';
import type { OpenedMedia } from '../../electron/common/media';
import type { SubtitleChoice } from '../../electron/common/subtitles';
import type { KireiState } from '../store';
import type { PictureBox } from '../subtitles/subtitleLayer';
import { SubtitleLayer } from '../subtitles/subtitleLayer';

type Store = { getState(): KireiState };

/** mpv's pick when nothing is configured: the track marked default, else the first one that can be drawn that is not forced-only. */
export function defaultTrack(tracks: SubtitleChoice[]): SubtitleChoice | null {
  const drawable = tracks.filter((track) => track.renderable);
  return drawable.find((track) => track.isDefault) ?? drawable.find((track) => !track.isForced) ?? drawable[0] ?? null;
}

/** The next track for `j`/`J`: through the drawable tracks and "off", as mpv cycles. */
export function nextTrack(tracks: SubtitleChoice[], current: string | null, direction: 1 | -1): string | null {
  const order: (string | null)[] = [...tracks.filter((track) => track.renderable).map((track) => track.id), null];
  const index = order.indexOf(current);
  return order[(index + direction + order.length) % order.length] ?? null;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * The open file's subtitles: lists its tracks when it opens, shows the default one once the
 * picture is already playing (subtitles never hold up playback), and answers the track menu and
 * mpv's subtitle keys.
 */
export class SubtitleController {
  readonly layer: SubtitleLayer;
  private media: OpenedMedia | null = null;
  private request = 0;

  constructor(
    container: HTMLElement,
    private readonly store: Store,
  ) {
    this.layer = new SubtitleLayer(container);
  }

  async open(media: OpenedMedia): Promise<void> {
    this.close();
    this.media = media;
    const request = this.request;
    try {
      const tracks = await window.kirei.subtitles.list({ mediaId: media.id });
      if (request !== this.request) return;
      this.store.getState().setSubtitleTracks(tracks);
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
    const state = this.store.getState();
    state.setSubtitleTracks([]);
    state.setSubtitleTrack(null);
    state.setSubtitleDelay(0);
    this.layer.setDelay(0);
  }

  /** Shows a track (null: none). Announced on screen unless it is the automatic first pick. */
  async select(trackId: string | null, announce = true): Promise<void> {
    const media = this.media;
    if (!media) return;
    const request = ++this.request;
    const state = this.store.getState();
    state.setSubtitleTrack(trackId);
    const track = state.subtitleTracks.find((candidate) => candidate.id === trackId) ?? null;
    if (!track) {
      this.layer.clear();
      if (announce) state.showOsd('Subtitles: off');
      return;
    }
    try {
      const loaded = await window.kirei.subtitles.load({ mediaId: media.id, trackId: track.id });
      if (request !== this.request) return;
      await this.layer.show(loaded.content, loaded.fonts.map((font) => decodeBase64(font.data)));
      if (request !== this.request) return;
      if (announce) this.store.getState().showOsd(`Subtitles: ${track.label}`);
      for (const warning of loaded.warnings) this.store.getState().pushToast({ kind: 'warning', text: warning });
    } catch (error) {
      if (request !== this.request) return;
      this.store.getState().setSubtitleTrack(null);
      this.layer.clear();
      this.report(`The subtitles “${track.label}” could not be shown`, error);
    }
  }

  cycle(direction: 1 | -1): void {
    const state = this.store.getState();
    if (!state.subtitleTracks.some((track) => track.renderable)) {
      state.showOsd('Subtitles: none in this file');
      return;
    }
    void this.select(nextTrack(state.subtitleTracks, state.subtitleTrackId, direction));
  }

  toggleVisible(): void {
    const state = this.store.getState();
    const visible = !state.subtitleVisible;
    state.setSubtitleVisible(visible);
    this.layer.setVisible(visible);
    if (visible) this.layer.redraw();
    state.showOsd(visible ? 'Subtitles: visible' : 'Subtitles: hidden');
  }

  addDelay(seconds: number): void {
    const state = this.store.getState();
    // Whole tenths, so that repeated presses do not drift by rounding.
    const delay = Math.round((state.subtitleDelay + seconds) * 1000) / 1000;
    state.setSubtitleDelay(delay);
    this.layer.setDelay(delay);
    state.showOsd(`Subtitle delay: ${Math.round(delay * 1000)} ms`);
  }

  frame(mediaTime: number, videoWidth: number, videoHeight: number, box: PictureBox): void {
    this.layer.place(box);
    void this.layer.render(mediaTime, videoWidth, videoHeight);
  }

  dispose(): void {
    this.close();
  }

  private report(text: string, error: unknown): void {
    const shape = toErrorShape(error);
    this.store.getState().pushToast({ kind: 'error', text: `${text}: ${shape.message}`, detail: shape.detail });
  }
}
