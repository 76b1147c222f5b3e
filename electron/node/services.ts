import path from 'node:path';
import type { ServiceApi } from '../common/contract';
import { KireiError } from '../common/errors';
import type { OpenedMedia } from '../common/media';
import type { FfmpegPaths } from './media/ffmpegLocator';
import { probeFile } from './media/probe';
import { saveScreenshot, screenshotFileName } from './screenshots';
import type { MediaRegistry } from './media/registry';
import type { RecentFiles } from './store/recentFiles';
import type { SettingsStore } from './store/settingsStore';

export interface ServiceDependencies {
  registry: MediaRegistry;
  recent: RecentFiles;
  settings: SettingsStore;
  /** Resolved lazily so a missing ffmpeg is reported when a file is opened, not at start-up. */
  ffmpeg: () => Promise<FfmpegPaths | null>;
  /** Shows the platform's file dialog; returns null when the viewer cancels. */
  pickFile: () => Promise<string | null>;
  /** The URL a media id is served at: kirei-media://media/<id> in the app. */
  mediaUrl: (id: string) => string;
  version: string;
  /** Where screenshots go when the setting names no folder: the platform's pictures folder. */
  defaultScreenshotFolder: string;
  /** The window as shown, as PNG bytes. */
  captureWindow: () => Promise<Uint8Array>;
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

  function screenshotTarget(mediaId: string): { folder: string; title: string } {
    const filePath = registry.resolve(mediaId);
    if (!filePath) throw new KireiError('not-found', 'That video is no longer open.');
    const folder = dependencies.settings.get().screenshotFolder ?? dependencies.defaultScreenshotFolder;
    return { folder, title: path.basename(filePath, path.extname(filePath)) };
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
    settings: {
      get: () => Promise.resolve(dependencies.settings.get()),
      update: (patch) => dependencies.settings.update(patch),
    },
    screenshots: {
      save: async ({ mediaId, mediaTime, variant, png }) => {
        const { folder, title } = screenshotTarget(mediaId);
        const saved = await saveScreenshot(folder, screenshotFileName(title, mediaTime, variant), Buffer.from(png, 'base64'));
        return { path: saved };
      },
      saveWindow: async ({ mediaId, mediaTime }) => {
        const { folder, title } = screenshotTarget(mediaId);
        const saved = await saveScreenshot(folder, screenshotFileName(title, mediaTime, 'window'), await dependencies.captureWindow());
        return { path: saved };
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
