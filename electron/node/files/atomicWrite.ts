import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new: write a
 * temporary file beside it, fsync it, rename it over the old one, fsync the folder.
 */
export async function atomicWrite(filePath: string, data: string | Uint8Array, options: { createFolder?: boolean } = {}): Promise<void> {
  const folder = path.dirname(filePath);
  if (options.createFolder !== false) await mkdir(folder, { recursive: true });
  const temporary = `${filePath}.${process.pid}.${counter++}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, filePath);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; its rename is already durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The temporary names atomicWrite uses: `<name>.<pid>.<counter>.tmp`. */
const temporaryPattern = /\.\d+\.\d+\.tmp$/;

/**
 * Removes what writes interrupted by a crash left beside `filePath` (or, with `everything`, in
 * the whole folder): run at start, before anything writes there again.
 */
export async function removeLeftovers(filePath: string, everything = false): Promise<number> {
  const folder = everything ? filePath : path.dirname(filePath);
  const base = path.basename(filePath);
  const names = await readdir(folder).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!temporaryPattern.test(name) || (!everything && !name.startsWith(`${base}.`))) continue;
    await unlink(path.join(folder, name)).then(() => removed++, () => undefined);
  }
  return removed;
}
