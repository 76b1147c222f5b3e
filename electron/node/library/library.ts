import { createHash } from 'node:crypto';
import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { LibrarySeries, LibrarySnapshot } from '../../common/library';
import { isCreditsChapter, watchedShare } from '../../common/library';
import type { Chapter } from '../../common/media';
import type { Catalogue } from './catalogue';
import { buildCatalogue, nextEpisode } from './catalogue';
import type { LibraryStore } from './progressStore';
import type { ScannedFile } from './scanner';
import { isLibraryFile, isSkippedFolder, linkInside, scanFolder } from './scanner';
import type { FileChecks } from './fileChecks';
import { currentVerdict } from './fileChecks';

export interface LibraryOptions {
  store: LibraryStore;
  /** Background checks (is it a video?) and thumbnails; null in benchmarks that measure scanning alone. */
  checks: FileChecks | null;
  /** The URL a cached thumbnail is served at (the media protocol registers it). */
  thumbnailUrl: (thumbnailPath: string) => Promise<string>;
  onChange: () => void;
  /** Live updates; off in benchmarks that measure scanning alone. */
  watch?: boolean;
}

export function fileId(filePath: string): string {
  return createHash('sha1').update(filePath).digest('hex').slice(0, 24);
}

/**
 * Library folders → series. Owns the files found in each folder, keeps them current with file
 * system watchers (a change touches only the paths it names), and records progress.
 */
export class Library {
  private readonly files = new Map<string, Map<string, ScannedFile>>();
  private readonly unreadable = new Map<string, { path: string; reason: string }[]>();
  private readonly watchers = new Map<string, FSWatcher>();
  /** Thumbnail URLs by episode file, once the thumbnail is on disk and registered. */
  private readonly thumbnails = new Map<string, string>();
  private catalogue: Catalogue | null = null;
  private scanning = 0;
  private changeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly touched = new Map<string, Set<string>>();

  /** Shown in the library view until the next start. */
  notice: string | null = null;

  constructor(private readonly options: LibraryOptions) {}

  /** Scans every folder of the stored library in the background. */
  start(): Promise<void> {
    return Promise.all(this.options.store.folders.map((folder) => this.scan(folder.id, folder.path))).then(() => undefined);
  }

  async addFolder(folderPath: string): Promise<void> {
    const absolute = path.resolve(folderPath);
    const info = await stat(absolute).catch(() => null);
    const name = path.basename(absolute) || absolute;
    if (!info) throw new KireiError('not-found', `The folder “${name}” does not exist.`);
    if (!info.isDirectory()) throw new KireiError('invalid-request', `“${name}” is a file, not a folder. Open it to play it, or add the folder it is in.`);
    const folders = this.options.store.folders;
    if (folders.some((folder) => folder.path === absolute)) return;
    const id = fileId(`folder:${absolute}`);
    await this.options.store.setFolders([...folders, { id, path: absolute }]);
    await this.scan(id, absolute);
  }

  async removeFolder(id: string): Promise<void> {
    const removed = this.options.store.folders.find((folder) => folder.id === id);
    await this.options.store.setFolders(this.options.store.folders.filter((folder) => folder.id !== id));
    // Its checks stop, unless another library folder holds the same files.
    if (removed && !this.options.store.folders.some((folder) => folder.path === removed.path || removed.path.startsWith(folder.path + path.sep))) this.options.checks?.forgetFolder(removed.path);
    this.watchers.get(id)?.close();
    this.watchers.delete(id);
    this.files.delete(id);
    this.unreadable.delete(id);
    this.invalidate();
  }

  /** Rescans every folder; files whose size and time are unchanged are not looked at again. */
  async rescan(): Promise<void> {
    await Promise.all(this.options.store.folders.map((folder) => this.scan(folder.id, folder.path, true)));
  }

  snapshot(): LibrarySnapshot {
    const catalogue = this.currentCatalogue();
    return {
      folders: this.options.store.folders.map((folder) => ({ ...folder, unreadable: this.unreadable.get(folder.id) ?? [] })),
      series: catalogue.series,
      continueWatching: catalogue.continueWatching,
      scanning: this.scanning > 0,
      notice: this.notice,
    };
  }

  pathOfEpisode(id: string): string | undefined {
    return this.currentCatalogue().pathOf.get(id);
  }

  seriesOfFile(filePath: string): LibrarySeries | null {
    const catalogue = this.currentCatalogue();
    const key = catalogue.seriesOf.get(fileId(filePath));
    return catalogue.series.find((entry) => entry.key === key) ?? null;
  }

  /** The episode after this file in its series, if the file is in the library. */
  next(filePath: string): { id: string; label: string } | null {
    const series = this.seriesOfFile(filePath);
    const following = series ? nextEpisode(series, fileId(filePath)) : null;
    if (!series || !following) return null;
    return { id: following.id, label: `${series.title} – episode ${following.episode ?? '?'}` };
  }

  resumePosition(filePath: string): number | null {
    const progress = this.options.store.progress(filePath);
    return progress && !progress.watched && progress.position > 0 ? progress.position : null;
  }

  /**
   * Saves where the viewer is; watched at 90 % or once the credits chapter has begun. The
   * renderer hears of it when the file closes or the episode becomes watched, not at every
   * periodic save while the library view is hidden behind the player.
   */
  recordProgress(filePath: string, position: number, duration: number | null, chapters: Chapter[], final: boolean): void {
    const previous = this.options.store.progress(filePath);
    const credits = chapters.find((chapter) => isCreditsChapter(chapter.title) && chapter.startSeconds > (duration ?? Infinity) * 0.5);
    const reachedEnd = (duration !== null && position >= duration * watchedShare) || (credits !== undefined && position >= credits.startSeconds);
    const watched = (previous?.watched ?? false) || reachedEnd;
    this.options.store.setProgress(filePath, { position, duration, watched, lastPlayedAt: Date.now() });
    this.invalidate(final || !previous || watched !== previous.watched);
  }

  setWatched(episodeId: string, watched: boolean): void {
    const filePath = this.pathOfEpisode(episodeId);
    if (!filePath) throw new KireiError('not-found', 'That episode is no longer in the library.');
    const previous = this.options.store.progress(filePath);
    this.options.store.setProgress(filePath, {
      position: watched ? (previous?.position ?? 0) : 0,
      duration: previous?.duration ?? null,
      watched,
      lastPlayedAt: previous?.lastPlayedAt ?? Date.now(),
    });
    this.invalidate();
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.options.checks?.stop();
  }

  private async scan(id: string, root: string, reuse = false): Promise<void> {
    this.scanning++;
    this.invalidate();
    try {
      const previous = reuse ? this.files.get(id) : undefined;
      const result = await scanFolder(root, previous);
      if (!this.options.store.folders.some((folder) => folder.id === id)) return;
      this.files.set(id, new Map(result.files.map((file) => [file.path, file])));
      this.unreadable.set(id, result.unreadable);
      if (this.options.watch !== false && !this.watchers.has(id)) this.watchFolder(id, root);
      this.options.checks?.request(result.files);
    } finally {
      this.scanning--;
      if (this.scanning === 0) this.forgetVanished();
      this.invalidate();
    }
  }

  private watchFolder(id: string, root: string): void {
    try {
      const watcher = watch(root, { recursive: true }, (_event, name) => {
        if (!name) return;
        const set = this.touched.get(id) ?? new Set<string>();
        set.add(path.join(root, name));
        this.touched.set(id, set);
        this.scheduleTouched();
      });
      watcher.on('error', () => this.watchers.delete(id));
      this.watchers.set(id, watcher);
    } catch (error) {
      console.warn(`Live updates are off for ${root}`, error);
    }
  }

  private scheduleTouched(): void {
    if (this.changeTimer) return;
    // Copies and renames come as bursts of events; handle them together.
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      void this.applyTouched();
    }, 300);
  }

  /** Looks at the touched paths only: a file appears, changes or goes; a folder appears or goes. */
  private async applyTouched(): Promise<void> {
    const batches = [...this.touched.entries()];
    this.touched.clear();
    for (const [id, paths] of batches) {
      const files = this.files.get(id);
      const folder = this.options.store.folders.find((entry) => entry.id === id);
      if (!files || !folder) continue;
      for (const touched of paths) {
        const relative = path.relative(folder.path, touched).split(path.sep);
        if (relative.some((part) => isSkippedFolder(part))) continue;
        const own = await lstat(touched).catch(() => null);
        // A link counts only where it leads inside the library folder, as in a scan.
        const inside = own?.isSymbolicLink() ? await linkInside(touched, await realpath(folder.path).catch(() => folder.path)) : touched;
        const info = own && inside ? await stat(inside).catch(() => null) : null;
        if (!info) {
          files.delete(touched);
          for (const known of [...files.keys()]) if (known.startsWith(touched + path.sep)) files.delete(known);
        } else if (info.isDirectory()) {
          const found = await scanFolder(touched, undefined, folder.path);
          for (const file of found.files) files.set(file.path, file);
          this.options.checks?.request(found.files);
        } else if (info.isFile() && isLibraryFile(path.basename(touched))) {
          const file = { path: touched, size: info.size, modifiedMs: info.mtimeMs };
          files.set(touched, file);
          this.options.checks?.request([file]);
        }
      }
    }
    this.invalidate();
  }

  /** A background check finished: the file's verdict is known, or its thumbnail is on disk. */
  fileChecked(file: ScannedFile, what: 'verdict' | 'thumbnail'): void {
    const checks = this.options.checks;
    if (what === 'thumbnail' && checks) {
      void this.options.thumbnailUrl(checks.pathFor(file)).then(
        (url) => {
          this.thumbnails.set(file.path, url);
          this.invalidate();
        },
        () => undefined, // Gone again before it could be served: the grid shows the placeholder.
      );
      return;
    }
    this.invalidate();
  }

  /**
   * What opening a file found: a file that failed leaves the episode flow with the reason, one
   * that opened comes back into it (it may have finished downloading).
   */
  recordOpened(filePath: string, problem: string | null): void {
    const file = this.fileAt(filePath);
    if (!file) return;
    const previous = currentVerdict(this.options.store, file);
    if (previous?.problem === problem) return;
    this.options.store.setVerdict(filePath, { size: file.size, modifiedMs: file.modifiedMs, problem });
    this.invalidate();
  }

  private fileAt(filePath: string): ScannedFile | undefined {
    for (const files of this.files.values()) {
      const file = files.get(filePath);
      if (file) return file;
    }
    return undefined;
  }

  /** Verdicts of files that left every folder are not kept. */
  private forgetVanished(): void {
    const present = new Set<string>();
    for (const files of this.files.values()) for (const filePath of files.keys()) present.add(filePath);
    this.options.store.keepVerdicts(present);
  }

  private invalidate(notify = true): void {
    this.catalogue = null;
    if (notify) this.options.onChange();
  }

  private currentCatalogue(): Catalogue {
    if (this.catalogue) return this.catalogue;
    const all: ScannedFile[] = [];
    for (const files of this.files.values()) all.push(...files.values());
    const byPath = new Map(all.map((file) => [file.path, file]));
    this.catalogue = buildCatalogue({
      roots: this.options.store.folders.map((folder) => folder.path),
      files: all,
      progress: (filePath) => this.options.store.progress(filePath),
      idOf: fileId,
      thumbnailUrl: (filePath) => this.thumbnails.get(filePath) ?? null,
      problem: (filePath) => {
        const file = byPath.get(filePath);
        return (file && currentVerdict(this.options.store, file)?.problem) ?? null;
      },
    });
    return this.catalogue;
  }
}
