import path from 'node:path';
import type { ServiceApi } from '../common/contract';
import { KireiError } from '../common/errors';
import type { OpenedMedia } from '../common/media';
import type { FfmpegPaths } from './media/ffmpegLocator';
import { probeFile } from './media/probe';
import type { MediaRegistry } from './media/registry';
import type { RecentFiles } from './store/recentFiles';

export interface ServiceDependencies {
  registry: MediaRegistry;
  recent: RecentFiles;
  /** Resolved lazily so a missing ffmpeg is reported when a file is opened, not at start-up. */
  ffmpeg: () => Promise<FfmpegPaths | null>;
  /** Shows the platform's file dialog; returns null when the viewer cancels. */
  pickFile: () => Promise<string | null>;
  /** The URL a media id is served at: kirei-media://media/<id> in the app. */
  mediaUrl: (id: string) => string;
  version: string;
}

/** The main process's services, exactly as the IPC contract describes them. */
export function createServices(dependencies: ServiceDependencies): ServiceApi {
  const { registry, recent } = dependencies;

  async function open(filePath: string): Promise<OpenedMedia> {
    const tools = await dependencies.ffmpeg();
    if (!tools) {
      throw new KireiError(
        'ffmpeg-missing',
        'Kirei needs ffmpeg to read video files. Install ffmpeg, or choose its location in the settings.',
      );
    }
    const absolute = path.resolve(filePath);
    const probe = await probeFile(absolute, tools.ffprobe);
    const id = registry.register(absolute);
    await recent.add(absolute);
    return { id, url: dependencies.mediaUrl(id), name: path.basename(absolute), probe };
  }

  return {
    media: {
      openDialog: async () => {
        const picked = await dependencies.pickFile();
        return picked ? open(picked) : null;
      },
      openPath: ({ path: filePath }) => open(filePath),
      openRecent: async ({ key }) => {
        const filePath = recent.pathForKey(key);
        if (!filePath) throw new KireiError('not-found', 'That file is no longer in the recent list.');
        return open(filePath);
      },
      listRecent: () => Promise.resolve(recent.list()),
      clearRecent: async () => {
        await recent.clear();
        return recent.list();
      },
      close: ({ id }) => {
        registry.unregister(id);
        return Promise.resolve(null);
      },
    },
    app: {
      info: async () => {
        const tools = await dependencies.ffmpeg();
        return {
          version: dependencies.version,
          platform: process.platform,
          ffmpeg: tools ? `${tools.source}: ${tools.ffmpeg}` : null,
        };
      },
    },
  };
}
