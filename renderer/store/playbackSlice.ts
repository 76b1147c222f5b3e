import type { StateCreator } from 'zustand';
import type { KireiState } from './index';

export interface PlaybackFields {
  paused: boolean;
  ended: boolean;
  buffering: boolean;
  currentTime: number;
  duration: number;
  /** 0–100, as mpv shows it. */
  volume: number;
  muted: boolean;
  speed: number;
  fullscreen: boolean;
  /** A decoding or loading failure the viewer must see; the picture stops. */
  playbackError: { message: string; detail: string | null } | null;
  /** The first picture of the open file is on screen: until then a spinner shows. */
  pictureShown: boolean;
  /** Position of the playing audio track among the file's audio tracks (the probe's order). */
  audioTrack: number;
}

export interface PlaybackSlice extends PlaybackFields {
  setPlayback(fields: Partial<PlaybackFields>): void;
  resetPlayback(): void;
}

const initialPlayback: PlaybackFields = {
  paused: true,
  ended: false,
  buffering: false,
  currentTime: 0,
  duration: 0,
  volume: 100,
  muted: false,
  speed: 1,
  fullscreen: false,
  playbackError: null,
  pictureShown: false,
  audioTrack: 0,
};

export const createPlaybackSlice: StateCreator<KireiState, [], [], PlaybackSlice> = (set) => ({
  ...initialPlayback,
  setPlayback: (fields) => set(fields),
  // Volume, mute and speed survive from one file to the next, as in mpv.
  resetPlayback: () =>
    set({ paused: true, ended: false, buffering: false, currentTime: 0, duration: 0, playbackError: null, pictureShown: false, audioTrack: 0 }),
});
