import path from 'node:path';
import type { ServiceApi } from '../../common/contract';
import { KireiError } from '../../common/errors';
import type { OpenedMedia } from '../../common/media';
import { parseReleaseName, seriesKey } from '../../common/releaseName';
import { probeFile } from '../media/probe';
import type { ServiceContext } from './context';

/** What a file's name (and its folder's) says about it. */
export function releaseOf(filePath: string) {
  return parseReleaseName(path.basename(filePath), [path.basename(path.dirname(filePath))]);
}

/** Probes a file and opens it: served from now on, remembered as recent, described for the player. */
export async function openMedia(context: ServiceContext, filePath: string): Promise<OpenedMedia> {
  const { library } = context;
  const tools = await context.ffmpeg();
  if (!tools) {
    throw new KireiError('ffmpeg-missing', 'Kirei needs ffmpeg to read video files. Install ffmpeg, or choose its location in the settings.');
  }
  const absolute = path.resolve(filePath);
  const probe = await probeFile(absolute, tools.ffprobe, { processes: context.processes }).catch((error: unknown) => {
    if (!(error instanceof KireiError)) throw error;
    // A library file that fails to open leaves the episode flow, with the reason.
    if (error.code !== 'not-found' && error.code !== 'ffmpeg-missing') library.recordOpened(absolute, error.message);
    throw error.about(path.basename(absolute));
  });
  library.recordOpened(absolute, null);
  const file = await context.files.open(absolute, probe);
  await context.recent.add(absolute);
  const parsed = releaseOf(absolute);
  // A file of the library belongs to the series the library shows it in (its folders may name it).
  const known = library.seriesOfFile(absolute);
  const series = known ? { key: known.key, title: known.title } : parsed.title ? { key: seriesKey(parsed.title, parsed.season), title: parsed.title } : null;
  const release = series ? { kind: parsed.kind, season: parsed.season, episode: parsed.episode, episodeEnd: parsed.episodeEnd, episodeTitle: parsed.episodeTitle } : null;
  return {
    id: file.id,
    url: context.mediaUrl(file.id),
    name: path.basename(absolute),
    probe,
    resumePosition: library.resumePosition(absolute),
    series,
    release,
    conversion: file.conversion,
  };
}

export function mediaService(context: ServiceContext): ServiceApi['media'] {
  const { recent } = context;
  return {
    openDialog: async () => {
      const picked = await context.pickFile();
      return picked ? openMedia(context, picked) : null;
    },
    openPath: ({ path: filePath }) => openMedia(context, filePath),
    openRecent: async ({ key }) => {
      const filePath = recent.pathForKey(key);
      if (!filePath) throw new KireiError('not-found', 'That file is no longer in the recent list.');
      return openMedia(context, filePath);
    },
    listRecent: () => Promise.resolve(recent.list()),
    clearRecent: async () => {
      await recent.clear();
      return recent.list();
    },
    conversionProblem: ({ id }) => Promise.resolve(context.conversions.failure(id)),
    close: ({ id }) => {
      context.files.close(id);
      return Promise.resolve(null);
    },
  };
}
