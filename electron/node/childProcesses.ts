import os from 'node:os';

/** Background work yields to playback; some systems do not allow it, and it still runs one at a time. */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here.
  }
}
