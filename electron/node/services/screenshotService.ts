import path from 'node:path';
import type { ServiceApi } from '../../common/contract';
import { checkPng } from '../files/pngCheck';
import { saveScreenshot, screenshotFileName } from '../screenshots';
import type { ServiceContext } from './context';
import { releaseOf } from './mediaService';

export function screenshotService(context: ServiceContext): ServiceApi['screenshots'] {
  /** "Sousou no Frieren - 12" from the release name; the plain file name when it says nothing. */
  function target(mediaId: string): { folder: string; title: string; isDefaultFolder: boolean } {
    const filePath = context.files.get(mediaId).path;
    const chosen = context.settings.get().screenshotFolder;
    const folder = chosen ?? context.defaultScreenshotFolder;
    const parsed = releaseOf(filePath);
    const episode = parsed.episode !== null ? ` - ${String(parsed.episode).padStart(2, '0')}` : '';
    const title = parsed.title ? `${parsed.title}${parsed.season && parsed.season > 1 ? ` S${parsed.season}` : ''}${episode}` : path.basename(filePath, path.extname(filePath));
    return { folder, title, isDefaultFolder: chosen === null };
  }

  return {
    save: async ({ mediaId, mediaTime, variant, width, height, png }) => {
      const { folder, title, isDefaultFolder } = target(mediaId);
      // The page drew it: what is written is checked to be one PNG of the size it claims.
      await checkPng(png, width, height);
      return { path: await saveScreenshot(folder, screenshotFileName(title, mediaTime, variant), png, { isDefaultFolder }) };
    },
    saveWindow: async ({ mediaId, mediaTime, area }) => {
      const { folder, title, isDefaultFolder } = target(mediaId);
      const png = await context.captureWindow(area);
      return { path: await saveScreenshot(folder, screenshotFileName(title, mediaTime, area ? 'subtitles' : 'window'), png, { isDefaultFolder }) };
    },
  };
}
