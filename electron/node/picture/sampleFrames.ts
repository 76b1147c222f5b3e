import type { ChildProcesses } from '../childProcesses';
import { inputArguments, runTool } from '../media/ffmpegRun';
import type { LumaFrame } from './measure';

/** Where to look, as shares of the episode: past the opening, before the credits, spread out. */
const positions = [0.3, 0.45, 0.6, 0.75, 0.2, 0.38, 0.52, 0.68, 0.82, 0.12, 0.9];
/** Without a duration: seconds in, late ones first (an opening is at the start). */
const positionsWithoutDuration = [300, 240, 180, 120, 60, 30, 10];

/**
 * Why a frame says nothing about how the episode was drawn: black (a fade, a cut), flat (a title
 * card's plain background) or credits (text, usually drawn at the file's own height, on black).
 * Null when it is worth measuring.
 */
export function unhelpfulFrame(frame: LumaFrame): 'black' | 'flat' | 'credits' | null {
  const { data, width, height } = frame;
  let sum = 0;
  let squares = 0;
  let dark = 0;
  let count = 0;
  for (let index = 0; index < width * height; index += 7) {
    const value = data[index] ?? 0;
    sum += value;
    squares += value * value;
    if (value < 32) dark++;
    count++;
  }
  const mean = sum / count;
  const deviation = Math.sqrt(Math.max(0, squares / count - mean * mean));
  if (mean < 20 && deviation < 10) return 'black';
  if (deviation < 8) return 'flat';
  if (dark / count > 0.8) return 'credits';
  return null;
}

export interface SampleOptions {
  ffmpeg: string;
  processes: ChildProcesses;
  width: number;
  height: number;
  durationSeconds: number | null;
  /** Frames wanted; fewer come back when the file has fewer worth measuring. */
  count: number;
  signal?: AbortSignal;
}

/**
 * Luma of a few frames spread over the episode, each decoded by ffmpeg from a seek (only the file
 * itself is read: see inputArguments) and passed through a pipe at the file's own size.
 */
export async function sampleLumaFrames(filePath: string, options: SampleOptions): Promise<LumaFrame[]> {
  const { width, height, durationSeconds } = options;
  const bytes = width * height;
  const seconds = durationSeconds && durationSeconds > 0 ? positions.map((share) => share * durationSeconds) : positionsWithoutDuration;
  const frames: LumaFrame[] = [];
  for (const seek of seconds) {
    if (frames.length >= options.count || options.signal?.aborted) break;
    const result = await runTool(
      options.processes,
      options.ffmpeg,
      ['-nostdin', '-v', 'error', '-ss', seek.toFixed(3), ...inputArguments(filePath), '-map', '0:v:0', '-frames:v', '1', '-vf', `scale=${width}:${height},format=gray`, '-f', 'rawvideo', 'pipe:1'],
      { file: filePath, timeoutMs: 30_000, maximumOutputBytes: bytes + 1, lowPriority: true, ...(options.signal ? { signal: options.signal } : {}) },
    ).catch(() => null);
    if (!result || result.exitCode !== 0 || result.stdout.length !== bytes) continue;
    // A buffer of its own: it is handed to the worker whole.
    const frame = { width, height, data: new Uint8Array(result.stdout) };
    if (!unhelpfulFrame(frame)) frames.push(frame);
  }
  return frames;
}
