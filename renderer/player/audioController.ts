import type { AudioTrack, OpenedMedia } from '../../electron/common/media';
import { languageName } from '../../electron/common/languages';
import { codecDisplayName } from '../../electron/common/playability';
import type { PlayerPorts } from './ports';
import { updateSettings } from './settingsActions';

/** The media tracks API (Blink's AudioVideoTracks feature, turned on by the app window). */
interface MediaAudioTrackList {
  readonly length: number;
  [index: number]: { enabled: boolean; language: string; label: string } | undefined;
}

function channelsLabel(channels: number | null): string | null {
  if (channels === null) return null;
  if (channels === 1) return 'mono';
  if (channels === 2) return 'stereo';
  return `${channels - 1}.1`;
}

/** "Japanese · Commentary · 5.1 · AAC": what a viewer tells tracks apart by. */
export function audioLabel(track: AudioTrack, position: number): string {
  const language = track.language ? languageName(track.language) : null;
  // A title that already names the language ("English", "English 5.1") stands for both.
  const named = language && track.title?.toLowerCase().includes(language.toLowerCase()) ? null : language;
  const parts = [named, track.title, channelsLabel(track.channels), codecDisplayName(track.codec)];
  const present = parts.filter((part): part is string => Boolean(part));
  return present.length > 2 ? present.join(' · ') : `Track ${position + 1} · ${present.join(' · ')}`;
}

/** The track to start with: the series' remembered language, else the one marked default, else the first. */
export function startingAudioTrack(tracks: AudioTrack[], rememberedLanguage: string | null): number {
  if (rememberedLanguage) {
    const remembered = tracks.findIndex((track) => track.language === rememberedLanguage);
    if (remembered >= 0) return remembered;
  }
  return Math.max(0, tracks.findIndex((track) => track.isDefault));
}

/**
 * The open file's audio tracks: starts in the language last picked for the series, switches on
 * the viewer's pick (menu or `#`) and remembers its language for the series' next episodes.
 */
export class AudioController {
  private media: OpenedMedia | null = null;
  private warned = false;
  /** Set while the file plays through ffmpeg: a track is switched by converting another one. */
  private converted: { setAudio(audioIndex: number | null): void } | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly ports: PlayerPorts,
  ) {
    // The element lists its tracks only once it has read the file's header.
    video.addEventListener('loadedmetadata', () => this.apply(this.ports.store.getState().audioTrack));
  }

  open(media: OpenedMedia): void {
    this.media = media;
    const remembered = media.series ? (this.ports.store.getState().settings?.audio.languageBySeries[media.series.key] ?? null) : null;
    this.ports.store.getState().setPlayback({ audioTrack: startingAudioTrack(media.probe.audio, remembered) });
  }

  useConverted(source: { setAudio(audioIndex: number | null): void } | null): void {
    this.converted = source;
  }

  close(): void {
    this.media = null;
    this.converted = null;
  }

  select(position: number): void {
    const media = this.media;
    const track = media?.probe.audio[position];
    if (!media || !track) return;
    const state = this.ports.store.getState();
    state.setPlayback({ audioTrack: position });
    if (!this.apply(position)) return;
    state.showOsd(`Audio: ${audioLabel(track, position)}`);
    const settings = state.settings;
    if (media.series && track.language && settings) {
      void updateSettings(this.ports, { audio: { languageBySeries: { ...settings.audio.languageBySeries, [media.series.key]: track.language } } });
    }
  }

  cycle(direction: 1 | -1): void {
    const tracks = this.media?.probe.audio ?? [];
    if (tracks.length < 2) {
      this.ports.store.getState().showOsd(tracks.length === 1 ? 'Audio: this file has one track' : 'Audio: none');
      return;
    }
    this.select((this.ports.store.getState().audioTrack + direction + tracks.length) % tracks.length);
  }

  /** Enables one track on the element; false (and one notice) where the browser cannot switch. */
  private apply(position: number): boolean {
    if (this.converted) {
      this.converted.setAudio(this.media?.probe.audio[position]?.index ?? null);
      return true;
    }
    const list = (this.video as HTMLVideoElement & { audioTracks?: MediaAudioTrackList }).audioTracks;
    const count = this.media?.probe.audio.length ?? 0;
    if (count < 2) return true;
    if (!list || list.length !== count) {
      if (!this.warned) {
        this.warned = true;
        this.ports.store.getState().pushToast({ kind: 'warning', text: 'This build of the player cannot switch audio tracks; the first one plays.' });
      }
      return false;
    }
    for (let index = 0; index < list.length; index++) {
      const track = list[index];
      if (track) track.enabled = index === position;
    }
    return true;
  }
}
