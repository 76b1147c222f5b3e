import type { StateCreator } from 'zustand';
import type { SubtitleChoice } from '../../electron/common/subtitles';
import type { KireiState } from './index';

export interface SubtitlesSlice {
  /** The open file's subtitle tracks, inside it and beside it. */
  subtitleTracks: SubtitleChoice[];
  /** The track shown; null for none. */
  subtitleTrackId: string | null;
  subtitleVisible: boolean;
  /** Seconds; positive shows subtitles later, as mpv's sub-delay. */
  subtitleDelay: number;
  setSubtitleTracks(tracks: SubtitleChoice[]): void;
  setSubtitleTrack(trackId: string | null): void;
  setSubtitleVisible(visible: boolean): void;
  setSubtitleDelay(seconds: number): void;
}

export const createSubtitlesSlice: StateCreator<KireiState, [], [], SubtitlesSlice> = (set) => ({
  subtitleTracks: [],
  subtitleTrackId: null,
  subtitleVisible: true,
  subtitleDelay: 0,
  setSubtitleTracks: (subtitleTracks) => set({ subtitleTracks }),
  setSubtitleTrack: (subtitleTrackId) => set({ subtitleTrackId }),
  setSubtitleVisible: (subtitleVisible) => set({ subtitleVisible }),
  setSubtitleDelay: (subtitleDelay) => set({ subtitleDelay }),
});
