import type { ChildProcesses } from '../childProcesses';
import type { Library } from '../library/library';
import type { Conversions } from '../media/conversion';
import type { FfmpegPaths } from '../media/ffmpegLocator';
import type { OpenFiles } from '../media/openFiles';
import type { Notices } from '../notices';
import type { RecentFiles } from '../store/recentFiles';
import type { SettingsStore } from '../store/settingsStore';
import type { SubtitleService } from '../subtitles/subtitleService';
import type { SystemFonts } from '../subtitles/systemFonts';
import type { PictureEstimates } from '../picture/pictureEstimates';

/** What the main process hands the services: stores, the platform's dialogs, and the open files. */
export interface ServiceDependencies {
  /** The files open now; the media protocol serves exactly these (and the library's thumbnails). */
  files: OpenFiles;
  recent: RecentFiles;
  settings: SettingsStore;
  /** Resolved lazily so a missing ffmpeg is reported when a file is opened, not at start-up. */
  ffmpeg: () => Promise<FfmpegPaths | null>;
  /** Shows the platform's file dialog, for a video or an mpv configuration file; null when the viewer cancels. */
  pickFile: (purpose?: 'video' | 'mpv-config') => Promise<string | null>;
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
  /** Shows the platform's folder dialog, for the library, screenshots or shaders; null when cancelled. */
  pickFolder: (purpose: 'library' | 'screenshots' | 'shaders') => Promise<string | null>;
  /** Where mpv keeps its shaders on this system, most wanted first (see mpvShaderFolders); none in tests that do not ask. */
  shaderFolders?: string[];
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
  /** What was measured of files' pictures; kept in memory only unless given. */
  pictureEstimates?: PictureEstimates;
}

/** What every service is built from: the dependencies, with the shared parts made once. */
export interface ServiceContext extends ServiceDependencies {
  processes: ChildProcesses;
  notices: Notices;
  subtitles: SubtitleService;
  pictureEstimates: PictureEstimates;
}
