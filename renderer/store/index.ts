import type { StateCreator, StoreApi } from 'zustand';
import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { LibrarySlice } from './librarySlice';
import { createLibrarySlice } from './librarySlice';
import type { MessagesSlice } from './messagesSlice';
import { createMessagesSlice } from './messagesSlice';
import type { PipelineSlice } from './pipelineSlice';
import { createPipelineSlice } from './pipelineSlice';
import type { PlaybackSlice } from './playbackSlice';
import { createPlaybackSlice } from './playbackSlice';
import type { SessionSlice } from './sessionSlice';
import { createSessionSlice } from './sessionSlice';
import type { SubtitlesSlice } from './subtitlesSlice';
import { createSubtitlesSlice } from './subtitlesSlice';
import type { ViewSlice } from './viewSlice';
import { createViewSlice } from './viewSlice';

export type KireiState = SessionSlice & PlaybackSlice & MessagesSlice & ViewSlice & PipelineSlice & LibrarySlice & SubtitlesSlice;

const slices: StateCreator<KireiState> = (...parts) => ({
  ...createSessionSlice(...parts),
  ...createPlaybackSlice(...parts),
  ...createMessagesSlice(...parts),
  ...createViewSlice(...parts),
  ...createPipelineSlice(...parts),
  ...createLibrarySlice(...parts),
  ...createSubtitlesSlice(...parts),
});

/** The one store, built from slices; components read it through narrow selectors. */
export const useKirei = create<KireiState>()(slices);

/** What the player core holds of the store: it reads, writes through actions and subscribes. */
export type StoreHandle = Pick<StoreApi<KireiState>, 'getState' | 'subscribe'>;

/** A store of its own, for the player core's tests (no React). */
export function createKireiStore(): StoreHandle {
  return createStore<KireiState>()(slices);
}
