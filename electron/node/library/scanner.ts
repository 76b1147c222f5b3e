import type { Dirent } from 'node:fs';
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
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

/** A library never lists more than this many files: a folder tree that has more is cut there, and says so. */
export const maximumLibraryFiles = 200_000;

function isInside(real: string, boundary: string): boolean {
  return real === boundary || real.startsWith(boundary.endsWith(path.sep) ? boundary : boundary + path.sep);
}

/** Where a link inside the library really leads, if it stays inside `boundary` (a real path); null when it leaves or dangles. */
export async function linkInside(linkPath: string, boundary: string): Promise<string | null> {
  const real = await realpath(linkPath).catch(() => null);
  return real !== null && isInside(real, boundary) ? real : null;
}

/**
 * Walks a library folder for video files, staying inside it: a symbolic link is followed only
 * when its real target lies inside the library folder (`boundary`, the folder itself unless
 * given), and a folder reached again by its real path (a link loop, or two links to one place)
 * is not walked twice. Only regular files count. `known` lets a rescan reuse what it knew about
 * unchanged files without a stat per file.
 */
export async function scanFolder(root: string, known?: Map<string, ScannedFile>, boundary?: string): Promise<ScanResult> {
  const files: ScannedFile[] = [];
  const unreadable: ScanResult['unreadable'] = [];
  const visited = new Set<string>();
  let inside: string;
  try {
    inside = await realpath(boundary ?? root);
  } catch (error) {
    return { files, unreadable: [{ path: root, reason: reasonOf(error) }] };
  }
  const leaving: string[] = [];
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
    if (!isInside(real, inside)) {
      leaving.push(folder);
      continue;
    }
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
          (async () => {
            // A dangling link is not an error worth showing; one that leaves the folder is.
            const real = await realpath(full).catch(() => null);
            if (real === null) return;
            const target = await stat(real).catch(() => null);
            if (!target || !(target.isDirectory() || (target.isFile() && isLibraryFile(entry.name)))) return;
            if (!isInside(real, inside)) leaving.push(full);
            else if (target.isDirectory()) linked.push(full);
            else files.push({ path: full, size: target.size, modifiedMs: target.mtimeMs });
          })(),
        );
      } else if (entry.isFile() && isLibraryFile(entry.name)) {
        const previous = known?.get(full);
        if (previous) files.push(previous);
        else
          statted.push(
            lstat(full).then(
              (info) => {
                if (info.isFile()) files.push({ path: full, size: info.size, modifiedMs: info.mtimeMs });
              },
              () => undefined,
            ),
          );
      }
    }
    await Promise.all(statted);
    if (files.length > maximumLibraryFiles) {
      unreadable.push({ path: root, reason: `more than ${maximumLibraryFiles.toLocaleString('en')} video files; the rest were not listed` });
      files.length = maximumLibraryFiles;
      break;
    }
  }
  if (leaving.length > 0) {
    const shown = leaving.slice(0, 3).map((link) => path.relative(root, link) || '.').join(', ');
    unreadable.push({ path: root, reason: `${leaving.length} link${leaving.length === 1 ? ' leads' : 's lead'} out of the library folder and ${leaving.length === 1 ? 'was' : 'were'} not followed (${shown}${leaving.length > 3 ? ', …' : ''}); add the folder ${leaving.length === 1 ? 'it leads' : 'they lead'} to as its own library folder instead` });
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
