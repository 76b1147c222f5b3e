import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { ChildProcesses } from '../childProcesses';
import { toolProcesses } from '../childProcesses';
import { atomicWrite, removeLeftovers } from '../files/atomicWrite';
import { inputArguments, runTool } from '../media/ffmpegRun';
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
  /** Where ffmpeg and ffprobe runs are tracked; the app's shared set unless given. */
  processes?: ChildProcesses;
}

/** A 320-pixel JPEG is a few tens of kilobytes; anything near this is not one. */
const maximumThumbnailBytes = 4 * 1024 * 1024;

/**
 * Every library file, in the background, one at a time below normal CPU priority: ffprobe says
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

  /** Thumbnails half-written when the app last crashed are removed (run once at start). */
  async removeLeftovers(): Promise<number> {
    const root = this.options.thumbnailFolder;
    if (root === null) return 0;
    let removed = 0;
    for (const folder of await readdir(root).catch(() => [] as string[])) removed += await removeLeftovers(path.join(root, folder), true);
    return removed;
  }

  /** Files not checked yet, or whose thumbnail is missing, are queued; the caller hears of each through onChecked. */
  request(files: ScannedFile[]): void {
    // A folder added again is checked again.
    this.forgotten = this.forgotten.filter((prefix) => !files.some((file) => file.path.startsWith(prefix)));
    for (const file of files) {
      if (this.queued.has(file.path)) {
        // Changed while it waited: the check is of the file as it is now, or its verdict would never match it.
        const index = this.queue.findIndex((queued) => queued.path === file.path);
        if (index >= 0) this.queue[index] = file;
        continue;
      }
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

  /** Drops the queued files of a folder that left the library and stops the process working on one. */
  forgetFolder(folder: string): void {
    const prefix = path.resolve(folder) + path.sep;
    for (let index = this.queue.length - 1; index >= 0; index--) {
      const file = this.queue[index];
      if (file && file.path.startsWith(prefix)) {
        this.queue.splice(index, 1);
        this.queued.delete(file.path);
      }
    }
    this.forgotten.push(prefix);
    this.processes.stopFolder(folder);
  }

  private get processes(): ChildProcesses {
    return this.options.processes ?? toolProcesses;
  }

  /** Folders removed while their files waited for a thumbnail. */
  private forgotten: string[] = [];

  private isForgotten(file: ScannedFile): boolean {
    return this.forgotten.some((prefix) => file.path.startsWith(prefix));
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Every file's verdict first (it decides what plays next), then the thumbnails (they only look nice).
      const thumbnails: { file: ScannedFile; seconds: number | null }[] = [];
      while (!this.stopped) {
        const file = this.queue.shift();
        if (file) {
          this.queued.delete(file.path);
          const verdict = await this.verdictOf(file);
          if (verdict?.problem === null && this.options.thumbnailFolder !== null) thumbnails.push({ file, seconds: verdict.seconds });
          continue;
        }
        const next = thumbnails.shift();
        if (!next) break;
        if (!this.isForgotten(next.file)) await this.thumbnail(next.file, next.seconds);
      }
    } finally {
      this.running = false;
    }
  }

  /** The stored verdict, or a new one from ffprobe (with the file's length, for where to take its thumbnail). */
  private async verdictOf(file: ScannedFile): Promise<(FileVerdict & { seconds: number | null }) | null> {
    const known = currentVerdict(this.options.verdicts, file);
    if (known) return { ...known, seconds: null };
    const tools = await this.options.tools();
    if (!tools || this.stopped) return null;
    let seconds: number | null = null;
    let problem: string | null = null;
    try {
      seconds = (await probeFile(file.path, tools.ffprobe, { signal: this.abort.signal, lowPriority: true, processes: this.processes })).durationSeconds;
    } catch (error) {
      problem = error instanceof KireiError ? error.message : 'This file could not be read.';
    }
    if (this.stopped || this.isForgotten(file)) return null;
    const verdict = { size: file.size, modifiedMs: file.modifiedMs, problem };
    this.options.verdicts.setVerdict(file.path, verdict);
    this.options.onChecked(file, 'verdict');
    return { ...verdict, seconds };
  }

  private async thumbnail(file: ScannedFile, seconds: number | null): Promise<void> {
    const tools = await this.options.tools();
    if (!tools || this.stopped) return;
    const target = this.pathFor(file);
    const exists = await stat(target).then(() => true, () => false);
    if (exists || (await this.makeThumbnail(file, target, tools.ffmpeg, seconds))) this.options.onChecked(file, 'thumbnail');
  }

  /** One frame, scaled by ffmpeg and written to a pipe (never to a name ffmpeg could read as a pattern), then stored atomically. */
  private async makeThumbnail(file: ScannedFile, target: string, ffmpeg: string, seconds: number | null): Promise<boolean> {
    // Past the opening (most episodes show their cold open or title card at 90 s); a short clip a third of the way in.
    // Without the length, try the later places first.
    const seeks = seconds === null ? [90, 5, 0] : [Math.min(90, Math.floor(seconds / 3)), 0];
    for (const seek of seeks) {
      const result = await runTool(this.processes, ffmpeg, ['-nostdin', '-v', 'error', '-ss', String(seek), ...inputArguments(file.path), '-frames:v', '1', '-vf', 'scale=320:-2', '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'], {
        file: file.path,
        timeoutMs: 30_000,
        maximumOutputBytes: maximumThumbnailBytes,
        signal: this.abort.signal,
        lowPriority: true,
      }).catch(() => null);
      if (result && result.exitCode === 0 && result.stdout.length > 0) {
        await atomicWrite(target, result.stdout);
        return true;
      }
      if (this.stopped || this.isForgotten(file)) break;
    }
    return false;
  }
}
