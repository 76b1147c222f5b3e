import type { ServiceApi } from '../../common/contract';
import { KireiError } from '../../common/errors';
import type { ServiceContext } from './context';
import { openMedia } from './mediaService';

export function libraryService(context: ServiceContext): ServiceApi['library'] {
  const { library, files } = context;
  return {
    snapshot: () => Promise.resolve(library.snapshot()),
    addFolderDialog: async () => {
      const picked = await context.pickFolder('library');
      if (picked) await library.addFolder(picked);
      return library.snapshot();
    },
    addFolder: async ({ path: folderPath }) => {
      await library.addFolder(folderPath);
      return library.snapshot();
    },
    removeFolder: async ({ id }) => {
      await library.removeFolder(id);
      return library.snapshot();
    },
    rescan: async () => {
      await library.rescan();
      return library.snapshot();
    },
    playEpisode: ({ episodeId }) => {
      const filePath = library.pathOfEpisode(episodeId);
      if (!filePath) throw new KireiError('not-found', 'That episode is no longer in the library. Its file may have been moved or deleted.');
      return openMedia(context, filePath);
    },
    setWatched: ({ episodeId, watched }) => {
      library.setWatched(episodeId, watched);
      return Promise.resolve(library.snapshot());
    },
    saveProgress: async ({ mediaId, position, duration, final }) => {
      const file = files.get(mediaId);
      library.recordProgress(file.path, position, duration, file.probe.chapters, final);
      if (final) await context.flushLibrary();
      return null;
    },
    nextEpisode: ({ mediaId }) => {
      const next = library.next(files.get(mediaId).path);
      return Promise.resolve(next ? { episodeId: next.id, label: next.label } : null);
    },
  };
}
