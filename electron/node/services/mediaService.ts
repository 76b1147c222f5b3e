import path from 'node:path';
import type { ServiceApi } from '../../common/contract';
import { KireiError } from '../../common/errors';
import type { OpenedMedia } from '../../common/media';
import { parseReleaseName, seriesKey } from '../../common/releaseName';
import { probeFile } from '../media/probe';
import { estimatePicture } from '../picture/estimatePicture';
import type { ServiceContext } from './context';

/** What a file's name (and its folder's) says about it. */
export function releaseOf(filePath: string) {
  return parseReleaseName(path.basename(filePath), [path.basename(path.dirname(filePath))]);
}

/** The series a file belongs to: the library's (its folders may name it), else its name's. */
function seriesOf(context: ServiceContext, absolute: string): { key: string; title: string } | null {
  const known = context.library.seriesOfFile(absolute);
  if (known) return { key: known.key, title: known.title };
  const parsed = releaseOf(absolute);
  return parsed.title ? { key: seriesKey(parsed.title, parsed.season), title: parsed.title } : null;
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
  const series = seriesOf(context, absolute);
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
  // One measurement per open file, however often the page asks while it runs.
  const measuring = new Map<string, ReturnType<typeof estimatePicture>>();
  context.files.onClose((file) => measuring.delete(file.id));
  const pictureContext = { estimates: context.pictureEstimates, ffmpeg: context.ffmpeg, processes: context.processes };
  return {
    picture: ({ id, measure }) => {
      const file = context.files.get(id);
      const series = seriesOf(context, file.path)?.key ?? null;
      if (!measure) return estimatePicture(pictureContext, file, series, false);
      let running = measuring.get(id);
      if (!running) {
        running = estimatePicture(pictureContext, file, series, true).finally(() => measuring.delete(id));
        measuring.set(id, running);
      }
      return running;
    },
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
