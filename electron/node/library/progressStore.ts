import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../store/jsonFile';
import type { Progress } from './catalogue';
import type { FileVerdict, VerdictStore } from './fileChecks';

const progressSchema = z.object({
  position: z.number().min(0),
  duration: z.number().positive().nullable(),
  watched: z.boolean(),
  lastPlayedAt: z.number().nullable(),
});

const verdictSchema = z.object({ size: z.number().nonnegative(), modifiedMs: z.number(), problem: z.string().max(2000).nullable() });

export const libraryDocumentSchema = z.object({
  folders: z.array(z.object({ id: z.string(), path: z.string() })),
  /** By absolute file path: progress follows the file wherever it was opened from. */
  progress: z.record(z.string(), progressSchema),
  /** By absolute file path: whether the file reads as a video, for the size and time it had. Absent in older files. */
  verdicts: z.record(z.string(), verdictSchema).default({}),
});

export type LibraryDocument = z.infer<typeof libraryDocumentSchema>;

/**
 * The library's folders and every file's progress, on disk. Writes are atomic (JsonFile) and
 * coalesced: progress arrives every few seconds while playing, the file is written at most
 * once per `delayMs`, and `flush` writes at once (closing a file, quitting).
 */
export class LibraryStore implements VerdictStore {
  private document: LibraryDocument = { folders: [], progress: {}, verdicts: {} };
  private readonly file: JsonFile<LibraryDocument>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    filePath: string,
    private readonly delayMs = 1000,
  ) {
    this.file = new JsonFile({
      filePath,
      version: 1,
      schema: libraryDocumentSchema,
      defaults: () => ({ folders: [], progress: {}, verdicts: {} }),
    });
  }

  /**
   * A damaged store is moved aside; the folders and progress entries still legible in it are
   * kept, the folders are rescanned, and the sentence returned says what happened.
   */
  async load(): Promise<string | null> {
    const { value, recovered } = await this.file.load();
    this.document = value;
    if (!recovered) return null;
    const salvaged = recovered.movedTo ? salvage(await readFile(recovered.movedTo, 'utf8').catch(() => '')) : value;
    this.document = salvaged;
    const saved = await this.flush().then(() => true, () => false);
    const kept = recovered.movedTo ? ` The damaged file was kept as ${path.basename(recovered.movedTo)}.` : '';
    const unsaved = saved ? '' : ' Kirei cannot write its library file either, so new progress is not kept until that is fixed.';
    return `The library file was damaged (${recovered.reason}) and was rebuilt: ${salvaged.folders.length} folders and the progress of ${Object.keys(salvaged.progress).length} files were recovered.${kept}${unsaved}`;
  }

  get folders(): LibraryDocument['folders'] {
    return this.document.folders;
  }

  setFolders(folders: LibraryDocument['folders']): Promise<void> {
    this.document = { ...this.document, folders };
    return this.flush();
  }

  progress(filePath: string): Progress | undefined {
    return this.document.progress[filePath];
  }

  setProgress(filePath: string, progress: Progress): void {
    this.document.progress[filePath] = progress;
    this.schedule();
  }

  verdict(filePath: string): FileVerdict | undefined {
    return this.document.verdicts[filePath];
  }

  setVerdict(filePath: string, verdict: FileVerdict): void {
    this.document.verdicts[filePath] = verdict;
    this.schedule();
  }

  /** Verdicts of files no longer in any folder are dropped, so the store does not grow forever. */
  keepVerdicts(filePaths: Set<string>): void {
    const kept = Object.entries(this.document.verdicts).filter(([filePath]) => filePaths.has(filePath));
    if (kept.length === Object.keys(this.document.verdicts).length) return;
    this.document.verdicts = Object.fromEntries(kept);
    this.schedule();
  }

  /** Writes what is pending and stops scheduling: the app is closing. */
  async close(): Promise<void> {
    await this.saving.catch(() => undefined);
    if (this.timer) await this.flush();
  }

  /** Writes now; resolves once the document is on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.saving = this.file.save(structuredClone(this.document));
    return this.saving;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch((error: unknown) => console.error('The library could not be saved', error));
    }, this.delayMs);
  }
}

/** Whatever whole entries a damaged document still holds: each is checked against its schema. */
export function salvage(text: string): LibraryDocument {
  // Verdicts are not salvaged: they are cheap to make again.
  const document: LibraryDocument = { folders: [], progress: {}, verdicts: {} };
  for (const match of text.matchAll(/\{\s*"id":\s*("(?:[^"\\]|\\.)*"),\s*"path":\s*("(?:[^"\\]|\\.)*")\s*\}/g)) {
    try {
      const folder = { id: JSON.parse(match[1] ?? '') as string, path: JSON.parse(match[2] ?? '') as string };
      if (!document.folders.some((known) => known.id === folder.id)) document.folders.push(folder);
    } catch {
      // A half-written entry: skip it.
    }
  }
  for (const match of text.matchAll(/("(?:[^"\\]|\\.)*"):\s*(\{[^{}]*\})/g)) {
    try {
      const key = JSON.parse(match[1] ?? '') as string;
      const entry = progressSchema.safeParse(JSON.parse(match[2] ?? ''));
      if (entry.success) document.progress[key] = entry.data;
    } catch {
      // A half-written entry: skip it.
    }
  }
  return document;
}
