import type { KireiBridge } from '../../electron/common/bridge';
import type { LibrarySnapshot } from '../../electron/common/library';
import { toErrorShape } from '../../electron/common/errors';
import { openWith } from './opening';
import type { PlayerPorts } from './ports';

/** Runs a library call; the snapshot it returns replaces the shown one, a failure becomes a message. */
export async function libraryAction({ bridge, store }: PlayerPorts, call: (bridge: KireiBridge) => Promise<LibrarySnapshot>): Promise<void> {
  try {
    store.getState().setLibrary(await call(bridge));
  } catch (error) {
    const shape = toErrorShape(error);
    store.getState().pushToast({ kind: 'error', text: shape.message, detail: shape.detail });
  }
}

export function refreshLibrary(ports: PlayerPorts): Promise<void> {
  return libraryAction(ports, (bridge) => bridge.library.snapshot());
}

export function playEpisode(ports: PlayerPorts, episodeId: string): Promise<void> {
  ports.store.getState().setNextOffer(null);
  return openWith(ports, (bridge) => bridge.library.playEpisode({ episodeId }));
}

export function addFolderFromDialog(ports: PlayerPorts): Promise<void> {
  return libraryAction(ports, (bridge) => bridge.library.addFolderDialog());
}
