import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * On Linux, util-linux's setpriv asks the kernel to kill the program when the process that started
 * it dies, even by SIGKILL (PR_SET_PDEATHSIG); it then becomes the program itself (same pid).
 */
const deathSignalWrapper = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;

export interface StartOptions {
  /** The file the process works on: it is stopped when that file closes or its folder leaves the library. */
  file: string;
  /** Background work yields to playback. */
  lowPriority?: boolean;
  /** A short look at the file (ffprobe) that whoever opens it next is waiting for: closing the file does not stop it. */
  outlivesClose?: boolean;
  stdio?: SpawnOptions['stdio'];
  cwd?: string;
}

interface Tracked {
  child: ChildProcess;
  file: string;
  outlivesClose: boolean;
}

/**
 * Every ffmpeg and ffprobe Kirei starts: tracked by the file it works on, so closing the file,
 * removing its folder or quitting stops it, started without a console window on Windows, and
 * bound to this process's life on Linux.
 */
export class ChildProcesses {
  private readonly running = new Set<Tracked>();

  start(command: string, args: string[], options: StartOptions): ChildProcess {
    const spawnOptions: SpawnOptions = { stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'], windowsHide: true, ...(options.cwd ? { cwd: options.cwd } : {}) };
    const child = deathSignalWrapper
      ? spawn(deathSignalWrapper, ['--pdeathsig', 'KILL', '--', command, ...args], spawnOptions)
      : spawn(command, args, spawnOptions);
    const tracked = { child, file: path.resolve(options.file), outlivesClose: options.outlivesClose === true };
    this.running.add(tracked);
    const forget = () => this.running.delete(tracked);
    child.once('exit', forget);
    child.once('error', forget);
    if (options.lowPriority) lowerPriority(child.pid);
    return child;
  }

  /** Stops what runs on this file because it closed (extraction, thumbnails; not a probe someone waits for). */
  stopFile(file: string): void {
    const target = path.resolve(file);
    this.stopWhere((tracked) => tracked.file === target && !tracked.outlivesClose);
  }

  /** Stops what runs on any file inside this folder. */
  stopFolder(folder: string): void {
    const prefix = path.resolve(folder) + path.sep;
    this.stopWhere((tracked) => tracked.file.startsWith(prefix));
  }

  /** Synchronous, so it can run in an exit handler. */
  stopAll(): void {
    this.stopWhere(() => true);
  }

  /** The processes running now, for tests and for checking that none is left behind. */
  processIds(file?: string): number[] {
    const target = file === undefined ? null : path.resolve(file);
    return [...this.running].flatMap((tracked) => (tracked.child.pid !== undefined && (target === null || tracked.file === target) ? [tracked.child.pid] : []));
  }

  private stopWhere(matches: (tracked: Tracked) => boolean): void {
    for (const tracked of [...this.running]) {
      if (!matches(tracked)) continue;
      this.running.delete(tracked);
      tracked.child.kill('SIGKILL');
    }
  }
}

/** The one set of processes the main process runs; tests make their own. */
export const toolProcesses = new ChildProcesses();

/**
 * Background work yields to playback, one process at a time. Below normal, not the lowest: at the
 * lowest, a machine kept busy by other work (a build, a game, a second player) would starve the
 * checks for minutes, and the library would not learn what plays. Some systems do not allow it.
 */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not allowed here.
  }
}
