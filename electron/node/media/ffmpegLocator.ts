import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
  /** Where they came from, shown in the about box and bug reports. */
  source: 'setting' | 'bundled' | 'system';
}

export interface LocateOptions {
  /** Paths the user chose in the settings; they win when both are executable. */
  configured?: { ffmpeg?: string | null | undefined; ffprobe?: string | null | undefined };
  /** The folder installers put the binaries in (resources/ffmpeg); absent in development. */
  bundledDirectory?: string | null | undefined;
  searchPath?: string | undefined;
  platform?: NodeJS.Platform;
}

async function isExecutable(candidate: string): Promise<boolean> {
  try {
    await access(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function pairIn(folder: string, suffix: string): Promise<{ ffmpeg: string; ffprobe: string } | null> {
  const ffmpeg = path.join(folder, `ffmpeg${suffix}`);
  const ffprobe = path.join(folder, `ffprobe${suffix}`);
  return (await isExecutable(ffmpeg)) && (await isExecutable(ffprobe)) ? { ffmpeg, ffprobe } : null;
}

/**
 * Finds ffmpeg and ffprobe. The user's setting always wins. On Linux the distribution's ffmpeg
 * comes next (the deb depends on it and the system keeps it current), then the bundled copy;
 * on Windows and macOS, where no system copy is expected, the bundled copy comes first.
 */
export async function locateFfmpeg(options: LocateOptions = {}): Promise<FfmpegPaths | null> {
  const platform = options.platform ?? process.platform;
  const suffix = platform === 'win32' ? '.exe' : '';

  const configured = options.configured;
  if (configured?.ffmpeg && configured.ffprobe) {
    if ((await isExecutable(configured.ffmpeg)) && (await isExecutable(configured.ffprobe))) {
      return { ffmpeg: configured.ffmpeg, ffprobe: configured.ffprobe, source: 'setting' };
    }
  }
  const findBundled = async (): Promise<FfmpegPaths | null> => {
    if (!options.bundledDirectory) return null;
    const found = await pairIn(options.bundledDirectory, suffix);
    return found ? { ...found, source: 'bundled' } : null;
  };
  const findSystem = async (): Promise<FfmpegPaths | null> => {
    const separator = platform === 'win32' ? ';' : ':';
    for (const folder of (options.searchPath ?? process.env['PATH'] ?? '').split(separator).filter(Boolean)) {
      const found = await pairIn(folder, suffix);
      if (found) return { ...found, source: 'system' };
    }
    return null;
  };
  return platform === 'linux'
    ? ((await findSystem()) ?? (await findBundled()))
    : ((await findBundled()) ?? (await findSystem()));
}
