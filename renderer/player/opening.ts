import type { ErrorShape } from '../../electron/common/errors';
import { toErrorShape } from '../../electron/common/errors';
import type { KireiBridge } from '../../electron/common/bridge';
import type { OpenedMedia } from '../../electron/common/media';
import type { PlayerPorts } from './ports';

/** "“Show - 05.mkv” could not be opened": which file, when the error names it. */
export function openFailureTitle(error: ErrorShape): string {
  return error.file ? `“${error.file}” could not be opened` : 'The video could not be opened';
}

/** Says once why a file did not open; see openWith for where. */
export function reportOpenFailure({ store }: PlayerPorts, error: unknown): void {
  const shape = toErrorShape(error);
  const state = store.getState();
  const watching = state.screen === 'player' && state.media !== null && !state.ended && state.playbackError === null;
  if (watching) {
    state.setOpening(false);
    state.pushToast({ kind: 'error', title: openFailureTitle(shape), text: shape.message, detail: shape.detail });
    return;
  }
  // Nothing worth staying for (a finished episode, a file that failed): the library says what happened.
  if (state.screen === 'player') state.requestClose();
  state.setOpenError(shape);
}

/**
 * Every way of opening a file ends here: the dialog, a drop, a recent entry, the library, the
 * next-episode countdown, the command line. A failure is said once, in plain words, naming the
 * file: on the library screen as a banner; over a playing episode as a notice that leaves it
 * playing; after a finished episode, back on the library screen.
 */
export async function openWith(ports: PlayerPorts, open: (bridge: KireiBridge) => Promise<OpenedMedia | null>): Promise<void> {
  const { bridge, store } = ports;
  store.getState().setOpening(true);
  try {
    const media = await open(bridge);
    if (!media) {
      store.getState().setOpening(false);
      return;
    }
    store.getState().showMedia(media);
  } catch (error) {
    reportOpenFailure(ports, error);
  } finally {
    void bridge.media
      .listRecent()
      .then((recent) => store.getState().setRecent(recent))
      .catch(() => undefined);
  }
}

export function openFromDialog(ports: PlayerPorts): Promise<void> {
  return openWith(ports, (bridge) => bridge.media.openDialog());
}
