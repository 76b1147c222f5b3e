import path from 'node:path';
import type { MediaRegistry } from '../media/registry';
import { Library } from './library';
import { LibraryStore } from './progressStore';
import { ThumbnailQueue } from './thumbnails';

export interface LibraryParts {
  library: Library;
  store: LibraryStore;
  /** A sentence for the viewer when the store was damaged and rebuilt. */
  recovered: string | null;
}

/**
 * The library with its store in `dataFolder/library.json` and thumbnails cached in
 * `dataFolder/thumbnails`, served through the media registry. Changes are reported at most a
 * few times a second: a scan or a burst of thumbnails is one update for the UI.
 */
export async function createLibrary(options: {
  dataFolder: string;
  registry: MediaRegistry;
  ffmpeg: () => Promise<string | null>;
  mediaUrl: (id: string) => string;
  onChange: () => void;
  thumbnails?: boolean;
}): Promise<LibraryParts> {
  const store = new LibraryStore(path.join(options.dataFolder, 'library.json'));
  const recovered = await store.load();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const notify = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      options.onChange();
    }, 250);
  };
  let library: Library | null = null;
  const thumbnails =
    options.thumbnails === false
      ? null
      : new ThumbnailQueue(path.join(options.dataFolder, 'thumbnails'), options.ffmpeg, (file) => library?.thumbnailReady(file));
  library = new Library({
    store,
    thumbnails,
    thumbnailUrl: (thumbnailPath) => options.mediaUrl(options.registry.register(thumbnailPath)),
    onChange: notify,
  });
  library.notice = recovered;
  return { library, store, recovered };
}
