import path from 'node:path';
import type { ChildProcesses } from '../childProcesses';
import type { FfmpegPaths } from '../media/ffmpegLocator';
import type { MediaRegistry } from '../media/registry';
import { FileChecks } from './fileChecks';
import { Library } from './library';
import { LibraryStore } from './progressStore';

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
  tools: () => Promise<FfmpegPaths | null>;
  mediaUrl: (id: string) => string;
  onChange: () => void;
  /** Background checks and thumbnails; off where only scanning is measured or tested. */
  checks?: boolean;
  /** Where their ffmpeg and ffprobe runs are tracked; the app's shared set unless given. */
  processes?: ChildProcesses;
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
  const checks =
    options.checks === false
      ? null
      : new FileChecks({
          thumbnailFolder: path.join(options.dataFolder, 'thumbnails'),
          tools: options.tools,
          verdicts: store,
          onChecked: (file, what) => library?.fileChecked(file, what),
          ...(options.processes ? { processes: options.processes } : {}),
        });
  library = new Library({
    store,
    checks,
    thumbnailUrl: async (thumbnailPath) => options.mediaUrl(await options.registry.register(thumbnailPath, 'image/jpeg')),
    onChange: notify,
  });
  library.notice = recovered;
  void checks?.removeLeftovers();
  return { library, store, recovered };
}
