import type { OpenedMedia } from '../../electron/common/media';
import { toErrorShape } from '../../electron/common/errors';
import { useKirei } from '../store';

/**
 * Every way of opening a file ends here: the dialog, a drop, a recent entry, the command line.
 * A failure stays on the start screen as a sentence, never as a silent nothing.
 */
export async function openWith(open: () => Promise<OpenedMedia | null>): Promise<void> {
  const store = useKirei.getState();
  store.setOpening(true);
  try {
    const media = await open();
    if (!media) {
      store.setOpening(false);
      return;
    }
    useKirei.getState().showMedia(media);
  } catch (error) {
    const shape = toErrorShape(error);
    useKirei.getState().setOpenError(shape);
    if (useKirei.getState().screen === 'player') {
      useKirei.getState().pushToast({ kind: 'error', text: shape.message, detail: shape.detail });
    }
  } finally {
    void window.kirei.media
      .listRecent()
      .then((recent) => useKirei.getState().setRecent(recent))
      .catch(() => undefined);
  }
}
