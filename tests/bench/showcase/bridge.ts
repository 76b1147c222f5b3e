// The player as it ships, fed from recorded answers instead of a main process: `window.kirei` is
// built from the same contract, and each call is answered from showcase.json, which
// `npm run bench:showcase` recorded from the real services. It lets the README's pictures be taken
// on a machine with a GPU and a browser but no Node.
import { createBridge } from '../../../electron/common/bridge';
import type { CallResult } from '../../../electron/common/contract';
import { fromWire } from '../../e2e/harness/wire';

interface Recorded {
  settings: Record<string, unknown>;
  library: unknown;
  opened: Record<string, unknown>;
  subtitles: Record<string, unknown>;
  loaded: Record<string, unknown>;
}

let recorded: Promise<Recorded> | null = null;
const data = () => (recorded ??= fetch('showcase.json').then(async (response) => fromWire(await response.json()) as Recorded));

async function answer(method: string, payload: Record<string, unknown> | undefined): Promise<unknown> {
  const from = await data();
  switch (method) {
    case 'settings.get':
      return from.settings;
    case 'settings.update':
      from.settings = { ...from.settings, ...payload };
      return from.settings;
    case 'library.snapshot':
      return from.library;
    case 'library.playEpisode':
      return from.opened[String(payload?.['episodeId'])];
    case 'subtitles.list':
      return from.subtitles[String(payload?.['mediaId'])] ?? [];
    case 'subtitles.load':
      return from.loaded[`${String(payload?.['mediaId'])} ${String(payload?.['trackId'])}`];
    case 'media.listRecent':
      return [];
    default:
      // Progress, closing, next episode: nothing to keep in a picture.
      return null;
  }
}

(window as unknown as { kirei: unknown }).kirei = createBridge({
  call: async (method, payload): Promise<CallResult> => ({ ok: true, value: await answer(method, payload as Record<string, unknown> | undefined) }),
  subscribe: () => () => undefined,
  pathForFile: () => '',
});
