import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { ChildProcesses } from '../childProcesses';

/**
 * The containers Kirei opens as video. Each reads only the file it is given; the formats that open
 * other files or connections (HLS and DASH playlists, concat lists, SDP, image sequences, …) are
 * refused by ffmpeg before they read anything, whatever the file's name says.
 */
export const videoFormats = ['matroska', 'mov', 'avi', 'mpegts', 'ogg', 'flv', 'asf', 'rm', 'mpeg'] as const;
/** Subtitle files beside a video that ffmpeg converts. */
export const subtitleFormats = ['srt', 'webvtt', 'ass'] as const;

/**
 * The input of every ffmpeg and ffprobe run: only the local file itself (no network, no pipes to
 * other programs) in one of the allowed formats. The `file:` prefix stops a name from being read
 * as a protocol or an option.
 */
export function inputArguments(filePath: string, formats: readonly string[] = videoFormats): string[] {
  return ['-protocol_whitelist', 'file,pipe', '-format_whitelist', formats.join(','), '-i', `file:${filePath}`];
}

const refusedNames: Record<string, string> = {
  hls: 'an HLS playlist',
  dash: 'a DASH manifest',
  concat: 'a list of other files (ffconcat)',
  sdp: 'a network stream description (SDP)',
  rtsp: 'a network stream description',
  tty: 'a text file',
  srt: 'a subtitle file',
  ass: 'a subtitle file',
  webvtt: 'a subtitle file',
  image2: 'a picture',
};

/** When ffmpeg refused a file's format: what the file is, in words; null when it was not refused. */
export function refusedFormat(stderr: string): string | null {
  const match = /\[([\w-]+) @ [^\]]*\] Format not on whitelist/.exec(stderr);
  if (!match?.[1]) return null;
  const name = match[1];
  if (refusedNames[name]) return refusedNames[name];
  if (/_pipe$/.test(name)) return 'a picture';
  return `a ${name} file`;
}

export interface ToolRun {
  /** The file worked on: the process stops when it closes (see ChildProcesses). */
  file: string;
  timeoutMs: number;
  /** More output than this stops the program: the result says so. */
  maximumOutputBytes: number;
  signal?: AbortSignal;
  lowPriority?: boolean;
  /** See StartOptions.outlivesClose. */
  outlivesClose?: boolean;
  cwd?: string;
}

export interface ToolResult {
  stdout: Buffer;
  /** The last few thousand characters. */
  stderr: string;
  exitCode: number | null;
  /** Stopped for running too long. */
  timedOut: boolean;
  /** Stopped for writing more than maximumOutputBytes. */
  overflowed: boolean;
  /** Stopped from outside (the file closed, the app quits). */
  stopped: boolean;
}

const stderrKept = 8000;

/** Runs ffmpeg or ffprobe to the end, within a time and an output size. */
export function runTool(processes: ChildProcesses, command: string, args: string[], run: ToolRun): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = processes.start(command, args, {
      file: run.file,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(run.lowPriority ? { lowPriority: true } : {}),
      ...(run.outlivesClose ? { outlivesClose: true } : {}),
      ...(run.cwd ? { cwd: run.cwd } : {}),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let timedOut = false;
    let overflowed = false;
    const stop = () => child.kill('SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, run.timeoutMs);
    run.signal?.addEventListener('abort', stop, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (overflowed) return;
      size += chunk.length;
      if (size > run.maximumOutputBytes) {
        overflowed = true;
        chunks.length = 0;
        stop();
        return;
      }
      chunks.push(chunk);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr = (stderr + text).slice(-stderrKept);
    });
    const finish = () => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', stop);
    };
    const missing = () => new KireiError('ffmpeg-missing', `Kirei needs ${path.basename(command)} and it was not found. Install ffmpeg, or choose it in the settings.`);
    child.once('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(error.code === 'ENOENT' ? missing() : error);
    });
    child.once('close', (exitCode, signal) => {
      finish();
      // Through setpriv (Linux), a missing program is its exit status 127, not a spawn error.
      if (exitCode === 127 && /setpriv: failed to execute/.test(stderr)) {
        reject(missing());
        return;
      }
      resolve({ stdout: Buffer.concat(chunks), stderr, exitCode, timedOut, overflowed, stopped: signal !== null && !timedOut && !overflowed });
    });
  });
}

/** The last lines of ffmpeg's complaint, with the file's folder left out. */
export function complaint(stderr: string, filePath: string): string {
  const lines = stderr.trim().split('\n').slice(-4).join('\n');
  return lines.split(path.dirname(filePath) + path.sep).join('');
}
