import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { atomicWrite, removeLeftovers } from '../files/atomicWrite';

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
  /** Set when the file was unreadable and moved aside (null when it could not be moved); the message is shown to the viewer. */
  recovered: { movedTo: string | null; reason: string } | null;
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

  /**
   * Reads the file. A file that cannot be read (a folder in its place, no permission) or whose
   * content is damaged never stops the app: it is moved aside when possible and the defaults are used.
   */
  async load(): Promise<LoadResult<T>> {
    const { filePath, schema, version, defaults, migrate } = this.options;
    await removeLeftovers(filePath);
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { value: defaults(), recovered: null };
      const reason = code === 'EISDIR' ? 'a folder is in its place' : code === 'EACCES' || code === 'EPERM' ? 'Kirei is not allowed to read it' : `it could not be read (${code ?? 'unknown error'})`;
      return { value: defaults(), recovered: { movedTo: await this.moveAside('unreadable'), reason } };
    }
    try {
      const document = JSON.parse(text) as { version?: unknown; data?: unknown };
      const storedVersion = typeof document.version === 'number' ? document.version : 0;
      if (storedVersion > version) throw new Error(`written by a newer Kirei (version ${storedVersion})`);
      const data = storedVersion < version && migrate ? migrate(document.data, storedVersion) : document.data;
      return { value: schema.parse(data), recovered: null };
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'it is not valid JSON' : error instanceof Error ? error.message.split('\n')[0] ?? 'damaged' : String(error);
      return { value: defaults(), recovered: { movedTo: await this.moveAside('corrupt'), reason } };
    }
  }

  /** Keeps the bad file for the viewer (or a bug report) under a new name; null when even that is not allowed. */
  private async moveAside(label: string): Promise<string | null> {
    const movedTo = `${this.options.filePath}.${label}-${Date.now()}`;
    return rename(this.options.filePath, movedTo).then(() => movedTo, () => null);
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
