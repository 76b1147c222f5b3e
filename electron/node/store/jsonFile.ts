import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { atomicWrite } from '../files/atomicWrite';

export interface JsonFileOptions<T> {
  filePath: string;
  /** Bumped when the stored shape changes; older files go through `migrate`. */
  version: number;
  schema: z.ZodType<T>;
  defaults: () => T;
  migrate?: (data: unknown, fromVersion: number) => unknown;
}

export interface LoadResult<T> {
  value: T;
  /** Set when the file was unreadable and moved aside; the message is shown to the viewer. */
  recovered: { movedTo: string; reason: string } | null;
}

/**
 * A JSON document on disk written atomically: write a temporary file, fsync it, rename it over
 * the old one, fsync the folder. A crash at any point leaves either the old or the new file.
 */
export class JsonFile<T> {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: JsonFileOptions<T>) {}

  get filePath(): string {
    return this.options.filePath;
  }

  async load(): Promise<LoadResult<T>> {
    const { filePath, schema, version, defaults, migrate } = this.options;
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: defaults(), recovered: null };
      throw error;
    }
    try {
      const document = JSON.parse(text) as { version?: unknown; data?: unknown };
      const storedVersion = typeof document.version === 'number' ? document.version : 0;
      if (storedVersion > version) throw new Error(`written by a newer Kirei (version ${storedVersion})`);
      const data = storedVersion < version && migrate ? migrate(document.data, storedVersion) : document.data;
      return { value: schema.parse(data), recovered: null };
    } catch (error) {
      const movedTo = `${filePath}.corrupt-${Date.now()}`;
      await rename(filePath, movedTo);
      const reason = error instanceof Error ? error.message : String(error);
      return { value: defaults(), recovered: { movedTo, reason } };
    }
  }

  /** Saves are serialised so that two quick saves never interleave their renames. */
  save(value: T): Promise<void> {
    const next = this.queue.then(() => this.write(value));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private write(value: T): Promise<void> {
    const { filePath, version } = this.options;
    return atomicWrite(filePath, JSON.stringify({ version, data: value }, null, 1));
  }
}
