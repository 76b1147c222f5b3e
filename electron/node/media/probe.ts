import { stat } from 'node:fs/promises';
import { KireiError } from '../../common/errors';
import type { MediaProbe } from '../../common/media';
import type { ChildProcesses } from '../childProcesses';
import { toolProcesses } from '../childProcesses';
import { complaint, inputArguments, refusedFormat, runTool } from './ffmpegRun';
import { parseProbe } from './probeParse';

const probeTimeoutMs = 20_000;
/** What the viewer reads about a file ffprobe cannot make sense of, and what to do about it. */
const notMedia = 'This file is not a video Kirei can read: it is damaged, or not a video at all. If it was a download, download it again.';
const truncationHints = /ended prematurely|end of file|partial file|incomplete|truncated/i;

/** Checks the file itself before ffprobe runs, so the viewer hears the real reason. */
export async function checkReadableFile(filePath: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) throw new KireiError('invalid-request', 'That is a folder, not a video file.');
    // A device or a pipe named like a video would never end.
    if (!info.isFile()) throw new KireiError('not-media', 'This is not a regular file (it is a device, a pipe or a socket), so it is not a video.');
    size = info.size;
  } catch (error) {
    if (error instanceof KireiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new KireiError('not-found', 'Kirei cannot find this file. It may have been moved or deleted.', code);
    }
    throw new KireiError('unreadable', 'Kirei is not allowed to read this file.', code ?? String(error));
  }
  if (size === 0) throw new KireiError('empty-file', 'This file is empty (0 bytes), so there is nothing to play.');
  return size;
}

/** ffprobe's description of a file is never this large for a real episode (200k chapters are). */
export const maximumProbeOutputBytes = 32 * 1024 * 1024;

function classifyFailure(stderr: string, filePath: string): KireiError {
  const detail = complaint(stderr, filePath);
  const refused = refusedFormat(stderr);
  if (refused) {
    return new KireiError('not-media', `This file is ${refused}, not a video. Kirei plays only the file itself and never follows what such files point to.`, detail);
  }
  const incomplete = /moov atom not found/i.test(stderr) || (!/invalid data found/i.test(stderr) && truncationHints.test(stderr));
  if (incomplete) {
    return new KireiError(
      'truncated',
      'This video file is incomplete. It may still be downloading, or the copy was cut off.',
      detail,
    );
  }
  if (/permission denied/i.test(stderr)) {
    return new KireiError('unreadable', 'Kirei is not allowed to read this file.', detail);
  }
  return new KireiError('not-media', notMedia, detail);
}

export interface ProbeOptions {
  /** Stops ffprobe (the library's checks stop when the app quits or a folder goes). */
  signal?: AbortSignal;
  /** Background checks yield to playback. */
  lowPriority?: boolean;
  /** Where the process is tracked; the app's shared set unless given. */
  processes?: ChildProcesses;
}

/** Runs ffprobe on a file and turns its answer into a MediaProbe or a clear error. */
export async function probeFile(filePath: string, ffprobePath: string, options: ProbeOptions = {}): Promise<MediaProbe> {
  const size = await checkReadableFile(filePath);
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', ...inputArguments(filePath)];
  const result = await runTool(options.processes ?? toolProcesses, ffprobePath, args, {
    file: filePath,
    timeoutMs: probeTimeoutMs,
    maximumOutputBytes: maximumProbeOutputBytes,
    outlivesClose: true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lowPriority ? { lowPriority: true } : {}),
  });
  if (result.timedOut) throw new KireiError('not-media', 'Reading this file took too long; it may be damaged.', 'ffprobe ran for 20 seconds');
  if (result.overflowed) {
    throw new KireiError('unsupported', 'This file describes itself at more than 32 MB (for example, hundreds of thousands of chapters). No real episode does; Kirei does not open it.');
  }
  if (result.stopped) throw new KireiError('not-media', 'Reading this file was stopped.');
  if (result.exitCode !== 0) throw classifyFailure(result.stderr, filePath);

  let output: unknown;
  try {
    output = JSON.parse(result.stdout.toString('utf8'));
  } catch {
    throw new KireiError('not-media', notMedia, 'ffprobe printed no JSON');
  }
  const warnings = truncationHints.test(result.stderr) ? ['This file seems to be cut off; playback may stop early.'] : [];
  const probe = parseProbe(output, size, warnings);
  if (!probe.video && probe.audio.length === 0) {
    throw new KireiError('not-media', notMedia, 'no audio or video streams');
  }
  return probe;
}
