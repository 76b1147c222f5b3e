import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { RecentEntry } from '../../common/media';
import { JsonFile } from './jsonFile';

const storedSchema = z.array(z.object({ path: z.string(), openedAt: z.string() }));
type StoredRecent = z.infer<typeof storedSchema>;

const maximumEntries = 20;

export function recentKey(filePath: string): string {
  return createHash('sha256').update(filePath).digest('hex').slice(0, 24);
}

/** The recent-files list. The renderer sees names and keys, never paths. */
export class RecentFiles {
  private entries: StoredRecent = [];
  private readonly file: JsonFile<StoredRecent>;

  constructor(filePath: string) {
    this.file = new JsonFile({ filePath, version: 1, schema: storedSchema, defaults: () => [] });
  }

  async load(): Promise<string | null> {
    const { value, recovered } = await this.file.load();
    this.entries = value;
    return recovered ? `The list of recent files could not be read (${recovered.reason}) and starts empty.${recovered.movedTo ? ` The old file was kept as ${path.basename(recovered.movedTo)}.` : ''}` : null;
  }

  async add(filePath: string, now = new Date()): Promise<void> {
    const absolute = path.resolve(filePath);
    this.entries = [
      { path: absolute, openedAt: now.toISOString() },
      ...this.entries.filter((entry) => entry.path !== absolute),
    ].slice(0, maximumEntries);
    await this.file.save(this.entries);
  }

  async clear(): Promise<void> {
    this.entries = [];
    await this.file.save(this.entries);
  }

  pathForKey(key: string): string | undefined {
    return this.entries.find((entry) => recentKey(entry.path) === key)?.path;
  }

  list(): RecentEntry[] {
    return this.entries.map((entry) => ({
      name: path.basename(entry.path),
      folder: path.basename(path.dirname(entry.path)),
      openedAt: entry.openedAt,
      key: recentKey(entry.path),
    }));
  }
}
