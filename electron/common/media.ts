import { releaseKinds } from './releaseName';
import { z } from 'zod';
import { conversionPlanSchema } from './conversion';

/** What ffprobe tells us about a file, reduced to what the player and the UI use. */
export const videoStreamSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  profile: z.string().nullable(),
  bitDepth: z.number().int().nullable(),
  pixelFormat: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  frameRate: z.number().nullable(),
});

export const audioTrackSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  language: z.string().nullable(),
  title: z.string().nullable(),
  channels: z.number().int().nullable(),
  channelLayout: z.string().nullable(),
  isDefault: z.boolean(),
});

export const subtitleTrackSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  language: z.string().nullable(),
  title: z.string().nullable(),
  isDefault: z.boolean(),
  isForced: z.boolean(),
  isBitmap: z.boolean(),
});

export const attachmentSchema = z.object({
  index: z.number().int(),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  isFont: z.boolean(),
});

export const chapterSchema = z.object({
  startSeconds: z.number(),
  endSeconds: z.number(),
  title: z.string().nullable(),
});

export const mediaProbeSchema = z.object({
  container: z.string(),
  durationSeconds: z.number().nullable(),
  sizeBytes: z.number().int().nonnegative(),
  bitRate: z.number().nullable(),
  video: videoStreamSchema.nullable(),
  audio: z.array(audioTrackSchema),
  subtitles: z.array(subtitleTrackSchema),
  attachments: z.array(attachmentSchema),
  chapters: z.array(chapterSchema),
  /** Problems that do not stop playback, such as a file that ends early. */
  warnings: z.array(z.string()),
});

export const openedMediaSchema = z.object({
  /** Opaque id; the only handle the renderer ever holds for a file. */
  id: z.string(),
  /** URL the video element reads; served by the media protocol. */
  url: z.string(),
  /** File name for display; never the full path. */
  name: z.string(),
  probe: mediaProbeSchema,
  /** Where the viewer stopped last time, if they did not finish it. */
  resumePosition: z.number().nullable(),
  /** The series the file belongs to, from its release name: per-series settings hang on it. */
  series: z.object({ key: z.string(), title: z.string() }).nullable(),
  /** What the release name says about the episode, for the player's title; null when it says nothing. */
  release: z
    .object({
      kind: z.enum(releaseKinds),
      season: z.number().nullable(),
      episode: z.number().nullable(),
      episodeEnd: z.number().nullable(),
      episodeTitle: z.string().nullable(),
    })
    .nullable(),
  /** How ffmpeg makes the file playable when the built-in decoders cannot; null when they can. */
  conversion: conversionPlanSchema.nullable(),
});

export const recentEntrySchema = z.object({
  name: z.string(),
  /** Folder shown under the name so two episodes with the same name can be told apart. */
  folder: z.string(),
  openedAt: z.string(),
  /** Index into the recent list; the renderer never sends a path back for recent files. */
  key: z.string(),
});

export type VideoStream = z.infer<typeof videoStreamSchema>;
export type AudioTrack = z.infer<typeof audioTrackSchema>;
export type SubtitleTrack = z.infer<typeof subtitleTrackSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type Chapter = z.infer<typeof chapterSchema>;
export type MediaProbe = z.infer<typeof mediaProbeSchema>;
export type OpenedMedia = z.infer<typeof openedMediaSchema>;
export type RecentEntry = z.infer<typeof recentEntrySchema>;

/** Extensions the player offers in dialogs and accepts from drops and the command line. */
export const videoExtensions = ['mkv', 'mp4', 'm4v', 'webm', 'mov', 'avi', 'ts', 'm2ts', 'ogv'] as const;
