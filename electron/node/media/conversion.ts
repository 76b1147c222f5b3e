import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import type { ConversionPlan } from '../../common/conversion';
import type { MediaProbe } from '../../common/media';
import type { ChildProcesses } from '../childProcesses';
import { toolProcesses } from '../childProcesses';
import { inputArguments } from './ffmpegRun';

export interface ConversionRequest {
  /** Source time in seconds the stream starts at (ffmpeg seeks to the keyframe before it when copying). */
  start: number;
  /** Source stream index of the audio track to carry; null for none. */
  audioIndex: number | null;
}

interface Running {
  child: ChildProcess & { stdout: Readable; stderr: Readable };
  /** Set before we stop it ourselves, so the exit is not reported as a failure. */
  stopping: boolean;
}

const stderrKept = 4000;

const keyframeSeconds = 2;

/**
 * x264's speed for a picture of this many pixels on this many cores. Measured on two cores, 1080p:
 * veryfast converts 2.2× faster than real time alone, but beside the player's own decoding it fell
 * to 0.7×; ultrafast kept up. CRF 18 keeps either close to transparent for anime.
 */
export function encoderPreset(pixels: number, cores: number): 'ultrafast' | 'superfast' | 'veryfast' {
  const fourK = pixels > 1920 * 1088;
  if (cores <= 4) return 'ultrafast';
  if (fourK) return cores >= 12 ? 'superfast' : 'ultrafast';
  return 'veryfast';
}

/** The ffmpeg arguments for one converted stream. Timestamps stay the source's, so the renderer's clock needs no offset. */
export function conversionArguments(filePath: string, probe: MediaProbe, plan: ConversionPlan, request: ConversionRequest, cores = availableParallelism()): string[] {
  const video = probe.video;
  if (!video) throw new Error('a conversion needs a video stream');
  const audioPlan = plan.audio.find((track) => track.index === request.audioIndex);
  const audioTrack = probe.audio.find((track) => track.index === request.audioIndex);
  const args = ['-nostdin', '-hide_banner', '-v', 'error'];
  if (request.start > 0) args.push('-ss', request.start.toFixed(3));
  args.push('-copyts', '-start_at_zero', ...inputArguments(filePath), '-map', `0:${video.index}`);
  if (plan.video === 'copy') {
    args.push('-c:v', 'copy');
  } else {
    args.push(
      '-c:v', 'libx264', '-preset', encoderPreset(video.width * video.height, cores), '-crf', '18',
      '-profile:v', 'high', '-pix_fmt', 'yuv420p',
      '-g', String(Math.max(1, Math.round((video.frameRate ?? 24) * keyframeSeconds))),
    );
  }
  if (audioPlan && audioTrack) {
    args.push('-map', `0:${audioTrack.index}`);
    if (audioPlan.action === 'copy') {
      // AAC from MPEG-TS comes with ADTS headers, which MP4 does not take; other AAC passes unchanged.
      args.push('-c:a', 'copy', '-bsf:a', 'aac_adtstoasc');
    } else {
      const channels = Math.min(6, audioTrack.channels ?? 2);
      args.push('-c:a', 'aac', '-ac', String(channels), '-b:a', channels > 2 ? '384k' : '192k');
    }
  }
  args.push(
    '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
    '-f', 'mp4',
    // Fragments of at most a second: the first picture arrives early and a seek restarts quickly.
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof+frag_discont',
    '-frag_duration', '1000000',
    '-avoid_negative_ts', 'disabled',
    'pipe:1',
  );
  return args;
}

/**
 * The ffmpeg processes converting open files: one per file at a time (a new request replaces the
 * running one), stopped when the file closes, when the reader goes away and when the app quits.
 */
/** What a conversion needs of an open file; the open-file record is the only place it is kept. */
export interface ConversionSource {
  path: string;
  probe: MediaProbe;
  conversion: ConversionPlan | null;
}

export class Conversions {
  private readonly running = new Map<string, Running>();
  /** The last way a conversion failed, per media id, for the renderer to show. */
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly ffmpeg: () => Promise<string | null>,
    /** The open file behind an id (OpenFiles.find in the app); only files planned for conversion are ever converted. */
    private readonly sources: (mediaId: string) => ConversionSource | undefined,
    private readonly processes: ChildProcesses = toolProcesses,
  ) {}

  private source(mediaId: string): { filePath: string; probe: MediaProbe; plan: ConversionPlan } | undefined {
    const file = this.sources(mediaId);
    return file?.conversion ? { filePath: file.path, probe: file.probe, plan: file.conversion } : undefined;
  }

  /** The audio stream indexes a request may name for this file; undefined when it is not converted. */
  audioIndexes(mediaId: string): number[] | undefined {
    return this.source(mediaId)?.plan.audio.map((track) => track.index);
  }

  /**
   * Starts converting; the stream errors if ffmpeg fails mid-way and ends when it finishes.
   * Null when the file is not one registered for conversion.
   */
  async start(mediaId: string, request: ConversionRequest): Promise<Readable | null> {
    const source = this.source(mediaId);
    if (!source) return null;
    const { filePath, probe, plan } = source;
    const ffmpegPath = await this.ffmpeg();
    if (!ffmpegPath) {
      this.failures.set(mediaId, 'ffmpeg was not found; install it or choose it in the settings.');
      throw new Error('ffmpeg was not found');
    }
    this.stop(mediaId);
    this.failures.delete(mediaId);
    const child = this.processes.start(ffmpegPath, conversionArguments(filePath, probe, plan, request), { file: filePath, stdio: ['ignore', 'pipe', 'pipe'] }) as Running['child'];
    const entry: Running = { child, stopping: false };
    this.running.set(mediaId, entry);

    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-stderrKept);
    });
    // The body is a separate stream so a failure can be signalled as an error after stdout ends.
    const body = new PassThrough({ highWaterMark: 1 << 20 });
    child.stdout.pipe(body, { end: false });
    let stdoutEnded = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const finish = () => {
      if (!stdoutEnded || !exit) return;
      if (this.running.get(mediaId) === entry) this.running.delete(mediaId);
      if (entry.stopping) {
        body.destroy();
      } else if (exit.code === 0) {
        body.end();
      } else {
        const reason = lastLine(stderr) ?? (exit.signal ? `ffmpeg was stopped by ${exit.signal}` : `ffmpeg exited with code ${exit.code}`);
        this.failures.set(mediaId, reason);
        body.destroy(new Error(reason));
      }
    };
    child.stdout.on('end', () => {
      stdoutEnded = true;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      finish();
    });
    child.on('error', (error) => {
      this.failures.set(mediaId, error.message);
      if (this.running.get(mediaId) === entry) this.running.delete(mediaId);
      body.destroy(error);
    });
    // The reader went away (a seek, a closed file): nothing more is wanted from this process.
    body.on('close', () => {
      if (child.exitCode === null && child.signalCode === null) {
        entry.stopping = true;
        child.kill('SIGKILL');
      }
    });
    return body;
  }

  /** Why the last conversion of this file failed; null when it did not. */
  failure(mediaId: string): string | null {
    return this.failures.get(mediaId) ?? null;
  }

  /** The processes converting now, for measurements and for checking that none is left behind. */
  processIds(): number[] {
    return [...this.running.values()].flatMap((entry) => (entry.child.pid === undefined ? [] : [entry.child.pid]));
  }

  stop(mediaId: string): void {
    const entry = this.running.get(mediaId);
    if (!entry) return;
    this.running.delete(mediaId);
    entry.stopping = true;
    entry.child.kill('SIGKILL');
  }

  /** Synchronous, so it can run in an exit handler. */
  stopAll(): void {
    for (const mediaId of [...this.running.keys()]) this.stop(mediaId);
  }

  /** The file closed: its process stops and its failure is forgotten. */
  forget(mediaId: string): void {
    this.stop(mediaId);
    this.failures.delete(mediaId);
  }
}

function lastLine(text: string): string | null {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  return lines[lines.length - 1] ?? null;
}
