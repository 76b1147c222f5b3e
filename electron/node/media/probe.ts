import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { KireiError } from '../../common/errors';
import type { MediaProbe } from '../../common/media';
import { lowerPriority } from '../childProcesses';
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
    if (info.isDirectory()) {
      throw new KireiError('invalid-request', 'That is a folder, not a video file.', filePath);
    }
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

function classifyFailure(stderr: string): KireiError {
  const detail = stderr.trim().split('\n').slice(-4).join('\n');
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
}

/** Runs ffprobe on a file and turns its answer into a MediaProbe or a clear error. */
export async function probeFile(filePath: string, ffprobePath: string, options: ProbeOptions = {}): Promise<MediaProbe> {
  const size = await checkReadableFile(filePath);
  const args = [
    '-v', 'error',
    '-print_format', 'json',
    '-show_format', '-show_streams', '-show_chapters',
    // The file: prefix stops ffprobe from reading a name as a protocol URL or option.
    '-i', `file:${filePath}`,
  ];
  const { stdout, stderr, failed } = await new Promise<{ stdout: string; stderr: string; failed: boolean }>(
    (resolve, reject) => {
      const child = execFile(ffprobePath, args, { timeout: probeTimeoutMs, maxBuffer: 32 * 1024 * 1024, windowsHide: true, ...(options.signal ? { signal: options.signal } : {}) }, (error, out, err) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new KireiError('ffmpeg-missing', 'Kirei needs ffprobe to read video files, and it was not found.', ffprobePath));
          return;
        }
        if (error?.killed) {
          reject(new KireiError('not-media', 'Reading this file took too long; it may be damaged.', 'ffprobe timed out'));
          return;
        }
        resolve({ stdout: out, stderr: err, failed: error !== null });
      });
      if (options.lowPriority) lowerPriority(child.pid);
    },
  );
  if (failed) throw classifyFailure(stderr);

  let output: Parameters<typeof parseProbe>[0];
  try {
    output = JSON.parse(stdout) as Parameters<typeof parseProbe>[0];
  } catch {
    throw new KireiError('not-media', notMedia, 'ffprobe printed no JSON');
  }
  const warnings = truncationHints.test(stderr) ? ['This file seems to be cut off; playback may stop early.'] : [];
  const probe = parseProbe(output, size, warnings);
  if (!probe.video && probe.audio.length === 0) {
    throw new KireiError('not-media', notMedia, 'no audio or video streams');
  }
  return probe;
}
