import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { ChildProcesses } from '../childProcesses';
import { runTool } from './ffmpegRun';

/** A folder the viewer picked for screenshots: it must be a folder Kirei may write to. */
export async function chosenScreenshotFolder(picked: string): Promise<string> {
  const folder = path.resolve(picked);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new KireiError('invalid-request', 'That is not a folder.');
  if (!(await access(folder, constants.W_OK).then(() => true, () => false))) {
    throw new KireiError('unreadable', `Kirei is not allowed to write to the folder “${path.basename(folder)}”.`);
  }
  return folder;
}

async function says(program: string, name: 'ffmpeg' | 'ffprobe', processes: ChildProcesses): Promise<boolean> {
  if (!(await access(program, constants.X_OK).then(() => true, () => false))) return false;
  const result = await runTool(processes, program, ['-hide_banner', '-version'], { file: program, timeoutMs: 10_000, maximumOutputBytes: 1024 * 1024 }).catch(() => null);
  return result !== null && result.exitCode === 0 && result.stdout.toString('utf8').startsWith(`${name} version`);
}

/**
 * The ffmpeg program the viewer picked in the file dialog, with the ffprobe beside it. Both are
 * run once (`-version`) to prove they are what they say before they are kept.
 */
export async function chosenFfmpeg(picked: string, processes: ChildProcesses): Promise<{ ffmpeg: string; ffprobe: string }> {
  const ffmpeg = path.resolve(picked);
  const extension = path.extname(ffmpeg).toLowerCase() === '.exe' ? '.exe' : '';
  const ffprobe = path.join(path.dirname(ffmpeg), `ffprobe${extension}`);
  if (!(await says(ffmpeg, 'ffmpeg', processes))) throw new KireiError('invalid-request', `“${path.basename(ffmpeg)}” is not an ffmpeg program Kirei can run.`);
  if (!(await says(ffprobe, 'ffprobe', processes))) throw new KireiError('invalid-request', 'ffprobe was not found beside that ffmpeg; Kirei needs both in one folder.');
  return { ffmpeg, ffprobe };
}
