import path from 'node:path';
import type { LibraryEpisode, LibrarySeries, LibrarySnapshot } from '../../common/library';
import type { ParsedRelease } from '../../common/releaseName';
import { parseReleaseName, seriesKey } from '../../common/releaseName';
import type { ScannedFile } from './scanner';

export interface Progress {
  position: number;
  duration: number | null;
  watched: boolean;
  lastPlayedAt: number | null;
}

export interface CatalogueSources {
  /** Library folders, to read season and series names from the folders between them and a file. */
  roots: string[];
  files: ScannedFile[];
  progress: (filePath: string) => Progress | undefined;
  idOf: (filePath: string) => string;
  thumbnailUrl: (filePath: string) => string | null;
  /** Why a file cannot be played, once it was checked; null when it can or was not checked yet. */
  problem?: (filePath: string) => string | null;
}

export interface Catalogue {
  series: LibrarySeries[];
  continueWatching: LibrarySnapshot['continueWatching'];
  pathOf: Map<string, string>;
  seriesOf: Map<string, string>;
}

/** Parsing is the costly part of a rebuild; a file's name and place do not change its parse. */
const parseCache = new Map<string, ParsedRelease>();

function parseFile(filePath: string, roots: string[]): ParsedRelease {
  const cached = parseCache.get(filePath);
  if (cached) return cached;
  const root = roots.find((candidate) => filePath.startsWith(candidate + path.sep)) ?? path.dirname(filePath);
  const folders = path.relative(root, path.dirname(filePath)).split(path.sep).filter(Boolean);
  // The library folder's own name is the outermost: "Frieren/Specials/01.mkv" is Frieren's, not a series called Specials.
  const parsed = parseReleaseName(path.basename(filePath), [path.basename(root), ...folders]);
  if (parseCache.size > 200_000) parseCache.clear();
  parseCache.set(filePath, parsed);
  return parsed;
}

function resolutionHeight(resolution: string | null): number {
  return resolution ? Number.parseInt(resolution, 10) || 0 : 0;
}

const kindOrder: Record<string, number> = { episode: 0, special: 1, ova: 2, oad: 3, movie: 4, ncop: 5, nced: 6, extra: 7 };

/** Groups files into series, orders episodes, marks duplicates and computes progress figures. */
export function buildCatalogue(sources: CatalogueSources): Catalogue {
  const groups = new Map<string, { titles: Map<string, number>; season: number | null; files: { file: ScannedFile; parsed: ParsedRelease }[] }>();
  for (const file of sources.files) {
    const parsed = parseFile(file.path, sources.roots);
    const title = parsed.title || path.basename(path.dirname(file.path));
    const key = seriesKey(title, parsed.season);
    let group = groups.get(key);
    if (!group) {
      group = { titles: new Map(), season: parsed.season && parsed.season > 1 ? parsed.season : null, files: [] };
      groups.set(key, group);
    }
    group.titles.set(title, (group.titles.get(title) ?? 0) + 1);
    group.files.push({ file, parsed });
  }

  const pathOf = new Map<string, string>();
  const seriesOf = new Map<string, string>();
  const series: LibrarySeries[] = [];
  for (const [key, group] of groups) {
    const episodes: LibraryEpisode[] = group.files.map(({ file, parsed }) => {
      const id = sources.idOf(file.path);
      pathOf.set(id, file.path);
      seriesOf.set(id, key);
      const progress = sources.progress(file.path);
      return {
        id,
        fileName: path.basename(file.path),
        episode: parsed.episode,
        episodeEnd: parsed.episodeEnd,
        kind: parsed.kind,
        version: parsed.version,
        group: parsed.group,
        resolution: parsed.resolution,
        sizeBytes: file.size,
        duplicateOf: null,
        position: progress?.position ?? 0,
        duration: progress?.duration ?? null,
        watched: progress?.watched ?? false,
        lastPlayedAt: progress?.lastPlayedAt ?? null,
        thumbnailUrl: sources.thumbnailUrl(file.path),
        episodeTitle: parsed.episodeTitle,
        problem: sources.problem?.(file.path) ?? null,
      };
    });
    episodes.sort(
      (a, b) =>
        (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) ||
        (a.episode ?? Infinity) - (b.episode ?? Infinity) ||
        a.fileName.localeCompare(b.fileName, undefined, { numeric: true }),
    );
    markDuplicates(episodes);
    const regular = regularEpisodes(episodes);
    const title = [...group.titles.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key;
    const lastPlayedAt = Math.max(0, ...episodes.map((episode) => episode.lastPlayedAt ?? 0)) || null;
    series.push({
      key,
      title,
      season: group.season,
      episodes,
      episodeCount: regular.length,
      watchedCount: regular.filter((episode) => episode.watched).length,
      thumbnailUrl: (regular[0] ?? episodes[0])?.thumbnailUrl ?? null,
      lastPlayedAt,
    });
  }
  series.sort((a, b) => a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: 'base' }) || (a.season ?? 1) - (b.season ?? 1));
  return { series, continueWatching: continueWatching(series), pathOf, seriesOf };
}

/** The episodes a series counts and plays in order: not specials, not the lesser release, not a file that cannot be played. */
function regularEpisodes(episodes: LibraryEpisode[]): LibraryEpisode[] {
  return episodes.filter((episode) => episode.kind === 'episode' && !episode.duplicateOf && episode.problem === null);
}

/** Two releases of one episode: both stay, the better one (playable, then resolution, version, size) is preferred. */
function markDuplicates(episodes: LibraryEpisode[]): void {
  const byEpisode = new Map<string, LibraryEpisode[]>();
  for (const episode of episodes) {
    if (episode.episode === null) continue;
    const slot = `${episode.kind}:${episode.episode}`;
    byEpisode.set(slot, [...(byEpisode.get(slot) ?? []), episode]);
  }
  for (const releases of byEpisode.values()) {
    if (releases.length < 2) continue;
    const preferred = [...releases].sort(
      (a, b) =>
        Number(a.problem !== null) - Number(b.problem !== null) ||
        resolutionHeight(b.resolution) - resolutionHeight(a.resolution) ||
        (b.version ?? 1) - (a.version ?? 1) ||
        b.sizeBytes - a.sizeBytes,
    )[0];
    for (const release of releases) if (preferred && release !== preferred) release.duplicateOf = preferred.id;
  }
}

/** The regular episode after `episodeId` in its series, skipping duplicates and files that cannot be played; null at the end. */
export function nextEpisode(series: LibrarySeries, episodeId: string): LibraryEpisode | null {
  const regular = regularEpisodes(series.episodes);
  const current = series.episodes.find((episode) => episode.id === episodeId);
  if (!current || current.episode === null) return null;
  const after = current.episodeEnd ?? current.episode;
  return regular.find((episode) => episode.episode !== null && episode.episode > after) ?? null;
}

function continueWatching(series: LibrarySeries[]): LibrarySnapshot['continueWatching'] {
  const rows: (LibrarySnapshot['continueWatching'][number] & { at: number })[] = [];
  for (const entry of series) {
    const played = entry.episodes.filter((episode) => episode.lastPlayedAt !== null).sort((a, b) => (b.lastPlayedAt ?? 0) - (a.lastPlayedAt ?? 0));
    const latest = played[0];
    if (!latest) continue;
    if (!latest.watched && latest.position > 0 && latest.problem === null) rows.push({ seriesKey: entry.key, episodeId: latest.id, reason: 'resume', at: latest.lastPlayedAt ?? 0 });
    else {
      const next = nextEpisode(entry, latest.id);
      if (next && !next.watched) rows.push({ seriesKey: entry.key, episodeId: next.id, reason: 'next', at: latest.lastPlayedAt ?? 0 });
    }
  }
  return rows
    .sort((a, b) => b.at - a.at)
    .slice(0, 20)
    .map(({ seriesKey: key, episodeId, reason }) => ({ seriesKey: key, episodeId, reason }));
}
