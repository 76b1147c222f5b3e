import type { StateCreator } from 'zustand';
import type { ErrorShape } from '../../electron/common/errors';
import type { OpenedMedia, RecentEntry } from '../../electron/common/media';
import type { PlaybackAssessment } from '../../electron/common/playability';
import { assessPlayback } from '../../electron/common/playability';
import type { KireiState } from './index';

export interface SessionSlice {
  screen: 'start' | 'player';
  media: OpenedMedia | null;
  assessment: PlaybackAssessment | null;
  recent: RecentEntry[];
  /** Why the last open failed, shown on the start screen until the next attempt. */
  openError: ErrorShape | null;
  opening: boolean;
  /** Counts requests to leave the player from outside it; the player answers each by closing the file. */
  closeRequests: number;
  requestClose(): void;
  showMedia(media: OpenedMedia): void;
  closeMedia(): void;
  setRecent(recent: RecentEntry[]): void;
  setOpenError(error: ErrorShape | null): void;
  setOpening(opening: boolean): void;
}

export const createSessionSlice: StateCreator<KireiState, [], [], SessionSlice> = (set) => ({
  screen: 'start',
  media: null,
  assessment: null,
  recent: [],
  openError: null,
  opening: false,
  closeRequests: 0,
  requestClose: () => set((state) => ({ closeRequests: state.closeRequests + 1 })),
  showMedia: (media) =>
    set({ screen: 'player', media, assessment: assessPlayback(media.probe), openError: null, opening: false }),
  closeMedia: () => set({ screen: 'start', media: null, assessment: null }),
  setRecent: (recent) => set({ recent }),
  setOpenError: (openError) => set({ openError, opening: false }),
  setOpening: (opening) => set({ opening }),
});
