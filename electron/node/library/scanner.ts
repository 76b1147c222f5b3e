import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const libraryExtensions = new Set(['.mkv', '.mp4', '.m4v', '.webm', '.avi', '.mov', '.ts', '.m2ts']);

/** Folders no one keeps episodes in: system, trash, thumbnails of NAS boxes, tool state. */
const skippedFolders = new Set(['$recycle.bin', 'system volume information', 'lost+found', '@eadir', '#recycle', 'node_modules', '$extend']);

export interface ScannedFile {
  path: string;
  size: number;
  modifiedMs: number;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Folders that could not be read, with why: shown to the viewer, never fatal. */
  unreadable: { path: string; reason: string }[];
}

export function isLibraryFile(name: string): boolean {
  return !name.startsWith('.') && libraryExtensions.has(path.extname(name).toLowerCase());
}

export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || skippedFolders.has(name.toLowerCase());
}

/**
 * Walks a library folder for video files. Symbolic links to folders are followed once: a folder
 * reached again by its real path (a link loop, or two links to one place) is not walked twice.
 * `known` lets a rescan reuse what it knew about unchanged files without a stat per file.
 */
export async function scanFolder(root: string, known?: Map<string, ScannedFile>): Promise<ScanResult> {
  const files: ScannedFile[] = [];
  const unreadable: ScanResult['unreadable'] = [];
  const visited = new Set<string>();
  const pending: string[] = [root];
  // Linked folders wait until every real folder is walked: a file is then listed by its real place.
  const linked: string[] = [];
  while (pending.length > 0 || linked.length > 0) {
    const folder = (pending.pop() ?? linked.shift()) as string;
    let real: string;
    try {
      real = await realpath(folder);
    } catch (error) {
      unreadable.push({ path: folder, reason: reasonOf(error) });
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = [];
      for await (const entry of await opendir(folder, { bufferSize: 256 })) entries.push(entry);
    } catch (error) {
      unreadable.push({ path: folder, reason: reasonOf(error) });
      continue;
    }
    const statted: Promise<void>[] = [];
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) pending.push(full);
      } else if (entry.isSymbolicLink()) {
        if (entry.name.startsWith('.')) continue;
        statted.push(
          stat(full).then(
            (target) => {
              if (target.isDirectory()) linked.push(full);
              else if (target.isFile() && isLibraryFile(entry.name)) files.push({ path: full, size: target.size, modifiedMs: target.mtimeMs });
            },
            () => undefined, // A dangling link is not an error worth showing.
          ),
        );
      } else if (entry.isFile() && isLibraryFile(entry.name)) {
        const previous = known?.get(full);
        if (previous) files.push(previous);
        else statted.push(stat(full).then((info) => void files.push({ path: full, size: info.size, modifiedMs: info.mtimeMs }), () => undefined));
      }
    }
    await Promise.all(statted);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, unreadable };
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'the folder no longer exists';
  return error instanceof Error ? error.message : String(error);
}
