import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScannedFile } from './scanner';

/**
 * One frame per episode, made by ffmpeg in the background at the lowest CPU priority, one at a
 * time, cached on disk by path, size and modification time. The UI never waits for it.
 */
export class ThumbnailQueue {
  private readonly queue: ScannedFile[] = [];
  private readonly queued = new Set<string>();
  private running = false;
  private stopped = false;

  constructor(
    private readonly folder: string,
    private readonly ffmpeg: () => Promise<string | null>,
    private readonly onReady: (file: ScannedFile) => void,
  ) {}

  pathFor(file: ScannedFile): string {
    const hash = createHash('sha1').update(`${file.path}\0${file.size}\0${file.modifiedMs}`).digest('hex');
    return path.join(this.folder, hash.slice(0, 2), `${hash}.jpg`);
  }

  /** Files whose thumbnail is missing are queued; the caller learns of each through onReady. */
  request(files: ScannedFile[]): void {
    for (const file of files) {
      if (this.queued.has(file.path)) continue;
      this.queued.add(file.path);
      this.queue.push(file);
    }
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped) {
        const file = this.queue.shift();
        if (!file) break;
        this.queued.delete(file.path);
        const target = this.pathFor(file);
        const exists = await stat(target).then(() => true, () => false);
        if (!exists && !(await this.make(file, target))) continue;
        this.onReady(file);
      }
    } finally {
      this.running = false;
    }
  }

  private async make(file: ScannedFile, target: string): Promise<boolean> {
    const ffmpeg = await this.ffmpeg();
    if (!ffmpeg) return false;
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp.jpg`;
    // Past the opening (most episodes show their cold open or title card there); short clips fall back to the start.
    for (const seek of ['90', '5', '0']) {
      const ok = await runLowPriority(ffmpeg, ['-v', 'error', '-y', '-ss', seek, '-i', file.path, '-frames:v', '1', '-vf', 'scale=320:-2', '-q:v', '5', temporary]);
      const size = await stat(temporary).then((info) => info.size, () => 0);
      if (ok && size > 0) {
        await rename(temporary, target);
        return true;
      }
    }
    await unlink(temporary).catch(() => undefined);
    return false;
  }
}

function runLowPriority(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, os.constants.priority.PRIORITY_LOW);
      } catch {
        // Not allowed on some systems; it still runs one at a time.
      }
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
