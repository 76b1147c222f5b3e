import path from 'node:path';
import type { ServiceApi } from '../common/contract';
import { KireiError } from '../common/errors';
import type { OpenedMedia } from '../common/media';
import type { ChildProcesses } from './childProcesses';
import { toolProcesses } from './childProcesses';
import type { FfmpegPaths } from './media/ffmpegLocator';
import type { Chapter, MediaProbe } from '../common/media';
import { parseReleaseName, seriesKey } from '../common/releaseName';
import type { Library } from './library/library';
import { planConversion } from '../common/conversion';
import type { Conversions } from './media/conversion';
import { probeFile } from './media/probe';
import { checkPng } from './files/pngCheck';
import { chosenFfmpeg, chosenScreenshotFolder } from './media/chosenPaths';
import { Notices } from './notices';
import { saveScreenshot, screenshotFileName } from './screenshots';
import type { MediaRegistry } from './media/registry';
import { mediaContentType } from './media/registry';
import type { RecentFiles } from './store/recentFiles';
import type { SettingsStore } from './store/settingsStore';
import { SubtitleService } from './subtitles/subtitleService';
import { SystemFonts } from './subtitles/systemFonts';

export interface ServiceDependencies {
  registry: MediaRegistry;
  recent: RecentFiles;
  settings: SettingsStore;
  /** Resolved lazily so a missing ffmpeg is reported when a file is opened, not at start-up. */
  ffmpeg: () => Promise<FfmpegPaths | null>;
  /** Shows the platform's file dialog; returns null when the viewer cancels. */
  pickFile: () => Promise<string | null>;
  /** The platform's file dialog for choosing the ffmpeg program; null when cancelled. */
  pickProgram: () => Promise<string | null>;
  /** The URL a media id is served at: kirei-media://media/<id> in the app. */
  mediaUrl: (id: string) => string;
  version: string;
  /** Where screenshots go when the setting names no folder: the platform's pictures folder. */
  defaultScreenshotFolder: string;
  /** The window as shown, or an area of it (CSS pixels), as PNG bytes at the display's resolution. */
  captureWindow: (area?: { x: number; y: number; width: number; height: number }) => Promise<Uint8Array>;
  library: Library;
  /** Shows the platform's folder dialog, for the library or for screenshots; null when cancelled. */
  pickFolder: (purpose: 'library' | 'screenshots') => Promise<string | null>;
  /** What the viewer should hear once; shown when the window asks. */
  notices?: Notices;
  /** Writes what is pending to disk (closing a file, quitting). */
  flushLibrary: () => Promise<void>;
  /** ffmpeg processes that make unplayable files playable; shared with the media protocol. */
  conversions: Conversions;
  /** Installed fonts; the platform's font folders unless given. */
  systemFonts?: SystemFonts;
  /** Where ffmpeg and ffprobe runs are tracked; the app's shared set unless given. */
  processes?: ChildProcesses;
}

/** The main process's services, exactly as the IPC contract describes them. */
export function createServices(dependencies: ServiceDependencies): ServiceApi {
  const { registry, recent, library } = dependencies;
  /** Chapters of open files: the credits chapter marks an episode watched. */
  const chaptersById = new Map<string, Chapter[]>();
  /** What ffprobe said about each open file: its subtitle tracks and attachments. */
  const probesById = new Map<string, MediaProbe>();
  const subtitles = new SubtitleService({
    ffmpeg: async () => (await dependencies.ffmpeg())?.ffmpeg ?? null,
    systemFonts: dependencies.systemFonts ?? new SystemFonts(),
    ...(dependencies.processes ? { processes: dependencies.processes } : {}),
  });

  async function open(filePath: string): Promise<OpenedMedia> {
    const tools = await dependencies.ffmpeg();
    if (!tools) {
      throw new KireiError(
        'ffmpeg-missing',
        'Kirei needs ffmpeg to read video files. Install ffmpeg, or choose its location in the settings.',
      );
    }
    const absolute = path.resolve(filePath);
    const probe = await probeFile(absolute, tools.ffprobe, dependencies.processes ? { processes: dependencies.processes } : {}).catch((error: unknown) => {
      if (!(error instanceof KireiError)) throw error;
      // A library file that fails to open leaves the episode flow, with the reason.
      if (error.code !== 'not-found' && error.code !== 'ffmpeg-missing') library.recordOpened(absolute, error.message);
      throw error.about(path.basename(absolute));
    });
    library.recordOpened(absolute, null);
    // Only a file that probed as audio or video is served, as what it is.
    const id = await registry.register(absolute, mediaContentType(probe.container, probe.video !== null));
    chaptersById.set(id, probe.chapters);
    probesById.set(id, probe);
    const conversion = planConversion(probe);
    if (conversion) dependencies.conversions.register(id, absolute, probe, conversion);
    await recent.add(absolute);
    const parsed = releaseOf(absolute);
    // A file of the library belongs to the series the library shows it in (its folders may name it).
    const known = library.seriesOfFile(absolute);
    const series = known ? { key: known.key, title: known.title } : parsed.title ? { key: seriesKey(parsed.title, parsed.season), title: parsed.title } : null;
    const release = series
      ? { kind: parsed.kind, season: parsed.season, episode: parsed.episode, episodeEnd: parsed.episodeEnd, episodeTitle: parsed.episodeTitle }
      : null;
    return { id, url: dependencies.mediaUrl(id), name: path.basename(absolute), probe, resumePosition: library.resumePosition(absolute), series, release, conversion };
  }

  /** What a file's name (and its folder's) says about it. */
  function releaseOf(filePath: string) {
    return parseReleaseName(path.basename(filePath), [path.basename(path.dirname(filePath))]);
  }

  function openProbe(mediaId: string): MediaProbe {
    const probe = probesById.get(mediaId);
    if (!probe) throw new KireiError('not-found', 'That video is no longer open.');
    return probe;
  }

  function openFilePath(mediaId: string): string {
    const filePath = registry.resolve(mediaId);
    if (!filePath) throw new KireiError('not-found', 'That video is no longer open.');
    return filePath;
  }

  /** "Sousou no Frieren - 12" from the release name; the plain file name when it says nothing. */
  function screenshotTarget(mediaId: string): { folder: string; title: string; isDefaultFolder: boolean } {
    const filePath = openFilePath(mediaId);
    const chosen = dependencies.settings.get().screenshotFolder;
    const folder = chosen ?? dependencies.defaultScreenshotFolder;
    const parsed = releaseOf(filePath);
    const episode = parsed.episode !== null ? ` - ${String(parsed.episode).padStart(2, '0')}` : '';
    const title = parsed.title ? `${parsed.title}${parsed.season && parsed.season > 1 ? ` S${parsed.season}` : ''}${episode}` : path.basename(filePath, path.extname(filePath));
    return { folder, title, isDefaultFolder: chosen === null };
  }
  const notices = dependencies.notices ?? new Notices();

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
      conversionProblem: ({ id }) => Promise.resolve(dependencies.conversions.failure(id)),
      close: ({ id }) => {
        const filePath = registry.resolve(id);
        if (filePath) {
          subtitles.forget(filePath);
          (dependencies.processes ?? toolProcesses).stopFile(filePath);
        }
        dependencies.conversions.forget(id);
        registry.unregister(id);
        chaptersById.delete(id);
        probesById.delete(id);
        return Promise.resolve(null);
      },
    },
    settings: {
      get: () => Promise.resolve(dependencies.settings.get()),
      update: (patch) => dependencies.settings.update(patch),
      chooseScreenshotFolder: async () => {
        const picked = await dependencies.pickFolder('screenshots');
        return picked ? dependencies.settings.update({ screenshotFolder: await chosenScreenshotFolder(picked) }) : dependencies.settings.get();
      },
      chooseFfmpeg: async () => {
        const picked = await dependencies.pickProgram();
        return picked ? dependencies.settings.update({ ffmpeg: await chosenFfmpeg(picked, dependencies.processes ?? toolProcesses) }) : dependencies.settings.get();
      },
      resetPath: ({ which }) =>
        dependencies.settings.update(which === 'ffmpeg' ? { ffmpeg: { ffmpeg: null, ffprobe: null } } : { screenshotFolder: null }),
    },
    library: {
      snapshot: () => Promise.resolve(library.snapshot()),
      addFolderDialog: async () => {
        const picked = await dependencies.pickFolder('library');
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
        return open(filePath);
      },
      setWatched: ({ episodeId, watched }) => {
        library.setWatched(episodeId, watched);
        return Promise.resolve(library.snapshot());
      },
      saveProgress: async ({ mediaId, position, duration, final }) => {
        library.recordProgress(openFilePath(mediaId), position, duration, chaptersById.get(mediaId) ?? [], final);
        if (final) await dependencies.flushLibrary();
        return null;
      },
      nextEpisode: ({ mediaId }) => {
        const next = library.next(openFilePath(mediaId));
        return Promise.resolve(next ? { episodeId: next.id, label: next.label } : null);
      },
    },
    screenshots: {
      save: async ({ mediaId, mediaTime, variant, width, height, png }) => {
        const { folder, title, isDefaultFolder } = screenshotTarget(mediaId);
        const bytes = Buffer.from(png, 'base64');
        await checkPng(bytes, width, height);
        const saved = await saveScreenshot(folder, screenshotFileName(title, mediaTime, variant), bytes, { isDefaultFolder });
        return { path: saved };
      },
      saveWindow: async ({ mediaId, mediaTime, area }) => {
        const { folder, title, isDefaultFolder } = screenshotTarget(mediaId);
        const saved = await saveScreenshot(folder, screenshotFileName(title, mediaTime, area ? 'subtitles' : 'window'), await dependencies.captureWindow(area), { isDefaultFolder });
        return { path: saved };
      },
    },
    subtitles: {
      list: ({ mediaId }) => subtitles.list(openFilePath(mediaId), openProbe(mediaId)),
      load: ({ mediaId, trackId }) => subtitles.load(openFilePath(mediaId), openProbe(mediaId), trackId),
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
      notices: () => Promise.resolve(notices.take()),
    },
  };
}
