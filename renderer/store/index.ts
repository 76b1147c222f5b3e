import { create } from 'zustand';
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

/** The one store, built from slices; components read it through narrow selectors. */
export const useKirei = create<KireiState>()((...parts) => ({
  ...createSessionSlice(...parts),
  ...createPlaybackSlice(...parts),
  ...createMessagesSlice(...parts),
  ...createViewSlice(...parts),
  ...createPipelineSlice(...parts),
  ...createLibrarySlice(...parts),
  ...createSubtitlesSlice(...parts),
}));
