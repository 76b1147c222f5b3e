import { z } from 'zod';
import { releaseKinds } from './releaseName';

/** What the renderer sees of the library: series with their episodes, and progress. */
export const episodeSchema = z.object({
  /** Opaque and stable for a file path; the renderer never sees paths. */
  id: z.string(),
  fileName: z.string(),
  episode: z.number().nullable(),
  episodeEnd: z.number().nullable(),
  kind: z.enum(releaseKinds),
  version: z.number().nullable(),
  group: z.string().nullable(),
  resolution: z.string().nullable(),
  sizeBytes: z.number(),
  /** Another release of the same episode that is preferred (higher resolution or version). */
  duplicateOf: z.string().nullable(),
  position: z.number(),
  duration: z.number().nullable(),
  watched: z.boolean(),
  lastPlayedAt: z.number().nullable(),
  thumbnailUrl: z.string().nullable(),
  /** The episode's own title, when its file name carries one. */
  episodeTitle: z.string().nullable(),
  /** Why the file cannot be played (it is not a video, it is cut off…); null when it can or is not checked yet. */
  problem: z.string().nullable(),
});

export const seriesSchema = z.object({
  key: z.string(),
  title: z.string(),
  season: z.number().nullable(),
  episodes: z.array(episodeSchema),
  /** Regular episodes only (specials, duplicates and files that cannot be played apart), for "watched / total". */
  episodeCount: z.number(),
  watchedCount: z.number(),
  thumbnailUrl: z.string().nullable(),
  lastPlayedAt: z.number().nullable(),
});

export const librarySnapshotSchema = z.object({
  folders: z.array(z.object({ id: z.string(), path: z.string(), unreadable: z.array(z.object({ path: z.string(), reason: z.string() })) })),
  series: z.array(seriesSchema),
  /** Episodes started and not finished, newest first, then the next episode of series in progress. */
  continueWatching: z.array(z.object({ seriesKey: z.string(), episodeId: z.string(), reason: z.enum(['resume', 'next']) })),
  scanning: z.boolean(),
  /** Something the viewer should know, such as a damaged library file that was rebuilt. */
  notice: z.string().nullable(),
});

export type LibraryEpisode = z.infer<typeof episodeSchema>;
export type LibrarySeries = z.infer<typeof seriesSchema>;
export type LibrarySnapshot = z.infer<typeof librarySnapshotSchema>;

/** Watched at 90 % of the running time, or once the credits chapter has begun. */
export const watchedShare = 0.9;

export function isCreditsChapter(title: string | null): boolean {
  return title !== null && /^(?:ed|ending|credits?|end credits|staff roll|outro)\b/i.test(title.trim());
}
