import type { LibrarySnapshot } from '../../../electron/common/library';
import { toErrorShape } from '../../../electron/common/errors';
import { useKirei } from '../../store';
import { openWith } from '../opening';

/** Runs a library call; the snapshot it returns replaces the shown one, a failure becomes a message. */
export async function libraryAction(call: () => Promise<LibrarySnapshot>): Promise<void> {
  try {
    useKirei.getState().setLibrary(await call());
  } catch (error) {
    const shape = toErrorShape(error);
    useKirei.getState().pushToast({ kind: 'error', text: shape.message, detail: shape.detail });
  }
}

export function refreshLibrary(): Promise<void> {
  return libraryAction(() => window.kirei.library.snapshot());
}

export function playEpisode(episodeId: string): Promise<void> {
  useKirei.getState().setNextOffer(null);
  return openWith(() => window.kirei.library.playEpisode({ episodeId }));
}

export function addFolderFromDialog(): Promise<void> {
  return libraryAction(() => window.kirei.library.addFolderDialog());
}
