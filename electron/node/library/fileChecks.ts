import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import { lowerPriority } from '../childProcesses';
import type { FfmpegPaths } from '../media/ffmpegLocator';
import { probeFile } from '../media/probe';
import type { ScannedFile } from './scanner';

/** What the check found: null when the file reads as a video, else why it cannot be played. */
export interface FileVerdict {
  size: number;
  modifiedMs: number;
  problem: string | null;
}

export interface VerdictStore {
  verdict(filePath: string): FileVerdict | undefined;
  setVerdict(filePath: string, verdict: FileVerdict): void;
}

/** The verdict stored for a file, if it is about this very file (same size and time). */
export function currentVerdict(store: VerdictStore, file: ScannedFile): FileVerdict | undefined {
  const verdict = store.verdict(file.path);
  return verdict && verdict.size === file.size && verdict.modifiedMs === file.modifiedMs ? verdict : undefined;
}

export interface FileChecksOptions {
  /** Where thumbnails are cached; null makes none. */
  thumbnailFolder: string | null;
  tools: () => Promise<FfmpegPaths | null>;
  verdicts: VerdictStore;
  /** A file's verdict became known, or its thumbnail is on disk. */
  onChecked: (file: ScannedFile, what: 'verdict' | 'thumbnail') => void;
}

/**
 * Every library file, in the background, one at a time at the lowest CPU priority: ffprobe says
 * whether it is a video at all (a file that is not stays out of the episode flow, with the
 * reason), then ffmpeg makes one small frame of it for the grid. Verdicts are kept with the
 * library by path, size and time; thumbnails are cached on disk the same way. The UI never waits.
 */
export class FileChecks {
  private readonly queue: ScannedFile[] = [];
  private readonly queued = new Set<string>();
  private running = false;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: FileChecksOptions) {}

  pathFor(file: ScannedFile): string {
    const hash = createHash('sha1').update(`${file.path}\0${file.size}\0${file.modifiedMs}`).digest('hex');
    return path.join(this.options.thumbnailFolder ?? '', hash.slice(0, 2), `${hash}.jpg`);
  }

  /** Files not checked yet, or whose thumbnail is missing, are queued; the caller hears of each through onChecked. */
  request(files: ScannedFile[]): void {
    for (const file of files) {
      if (this.queued.has(file.path)) continue;
      this.queued.add(file.path);
      this.queue.push(file);
    }
    void this.run();
  }

  /** Stops the queue and whatever ffmpeg or ffprobe it is running. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped) {
        const file = this.queue.shift();
        if (!file) break;
        this.queued.delete(file.path);
        await this.check(file);
      }
    } finally {
      this.running = false;
    }
  }

  private async check(file: ScannedFile): Promise<void> {
    const tools = await this.options.tools();
    if (!tools || this.stopped) return;
    let verdict = currentVerdict(this.options.verdicts, file);
    if (!verdict) {
      verdict = { size: file.size, modifiedMs: file.modifiedMs, problem: await this.problemOf(file, tools.ffprobe) };
      if (this.stopped) return;
      this.options.verdicts.setVerdict(file.path, verdict);
      this.options.onChecked(file, 'verdict');
    }
    if (verdict.problem !== null || this.options.thumbnailFolder === null) return;
    const target = this.pathFor(file);
    const exists = await stat(target).then(() => true, () => false);
    if (exists || (await this.makeThumbnail(file, target, tools.ffmpeg))) this.options.onChecked(file, 'thumbnail');
  }

  private async problemOf(file: ScannedFile, ffprobe: string): Promise<string | null> {
    try {
      await probeFile(file.path, ffprobe, { signal: this.abort.signal, lowPriority: true });
      return null;
    } catch (error) {
      return error instanceof KireiError ? error.message : 'This file could not be read.';
    }
  }

  private async makeThumbnail(file: ScannedFile, target: string, ffmpeg: string): Promise<boolean> {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp.jpg`;
    // Past the opening (most episodes show their cold open or title card there); short clips fall back to the start.
    for (const seek of ['90', '5', '0']) {
      const ok = await this.runLowPriority(ffmpeg, ['-v', 'error', '-y', '-ss', seek, '-i', `file:${file.path}`, '-frames:v', '1', '-vf', 'scale=320:-2', '-q:v', '5', temporary]);
      const size = await stat(temporary).then((info) => info.size, () => 0);
      if (ok && size > 0) {
        await rename(temporary, target);
        return true;
      }
      if (this.stopped) break;
    }
    await unlink(temporary).catch(() => undefined);
    return false;
  }

  private runLowPriority(command: string, args: string[]): Promise<boolean> {
    return new Promise((resolve) => {
      const child = spawn(command, args, { stdio: 'ignore', windowsHide: true, signal: this.abort.signal });
      lowerPriority(child.pid);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', () => resolve(false));
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    });
  }
}
