import { z } from 'zod';
import { bytesSchema } from './bytes';
import type { eventNames, methodNames } from './channels';
import { openedMediaSchema, recentEntrySchema } from './media';
import { pictureEstimateSchema } from './picture';
import { librarySnapshotSchema } from './library';
import { pageSettingsPatchSchema, settingsSchema } from './settings';
import { maximumChainFiles, shaderFileNameSchema, shaderFolderListingSchema, shaderTextSchema } from './shaders';
import { loadedSubtitleSchema, subtitleChoiceSchema, subtitleTrackIdSchema } from './subtitles';
import type { ErrorShape } from './errors';
import { errorCodes } from './errors';

const noRequest = z.undefined();

/** A file open in the player: 32 hex digits the main process made up when it opened it. */
export const mediaIdSchema = z.string().regex(/^[0-9a-f]{32}$/);
/** Library episodes and folders and recent files are named by a hash of their path: 24 hex digits. */
export const pathKeySchema = z.string().regex(/^[0-9a-f]{24}$/);
/** A position in a file, in seconds. */
const mediaTimeSchema = z.number().min(0).max(1e7);
/** An 8K RGBA PNG stays well under this. */
const maximumPngBytes = 200_000_000;

/**
 * The IPC contract: one entry per service method, with the schema of its request and reply.
 * The main side validates both; the renderer's `window.kirei` type is derived from it.
 */
export const contract = {
  media: {
    openDialog: { request: noRequest, reply: openedMediaSchema.nullable() },
    openPath: {
      request: z.object({ path: z.string().min(1).max(4096) }).strict(),
      reply: openedMediaSchema,
    },
    openRecent: {
      request: z.object({ key: pathKeySchema }).strict(),
      reply: openedMediaSchema,
    },
    listRecent: { request: noRequest, reply: z.array(recentEntrySchema) },
    clearRecent: { request: noRequest, reply: z.array(recentEntrySchema) },
    close: { request: z.object({ id: mediaIdSchema }).strict(), reply: z.null() },
    /** Why ffmpeg stopped converting the file (its last error line); null when it has not failed. */
    conversionProblem: { request: z.object({ id: mediaIdSchema }).strict(), reply: z.string().nullable() },
    /**
     * What the picture says about how it was drawn (height, soft lines, noise). `measure: false`
     * answers at once from what is stored (the file's, else its series'); `measure: true` takes a
     * few seconds when the file was never measured. Null for SD files and files without video.
     */
    picture: { request: z.object({ id: mediaIdSchema, measure: z.boolean() }).strict(), reply: pictureEstimateSchema.nullable() },
  },
  settings: {
    get: { request: noRequest, reply: settingsSchema },
    update: { request: pageSettingsPatchSchema, reply: settingsSchema },
    /** The system's folder dialog, in the main process: the page never names a folder to write to. */
    chooseScreenshotFolder: { request: noRequest, reply: settingsSchema },
    /** The system's file dialog for ffmpeg (ffprobe is taken from beside it); both are checked before they are kept. */
    chooseFfmpeg: { request: noRequest, reply: settingsSchema },
    /** Back to Pictures/Kirei, or to the ffmpeg found automatically. */
    resetPath: { request: z.object({ which: z.enum(['screenshotFolder', 'ffmpeg', 'shaderFolder']) }).strict(), reply: settingsSchema },
  },
  library: {
    snapshot: { request: noRequest, reply: librarySnapshotSchema },
    addFolderDialog: { request: noRequest, reply: librarySnapshotSchema },
    addFolder: { request: z.object({ path: z.string().min(1).max(4096) }).strict(), reply: librarySnapshotSchema },
    removeFolder: { request: z.object({ id: pathKeySchema }).strict(), reply: librarySnapshotSchema },
    rescan: { request: noRequest, reply: librarySnapshotSchema },
    playEpisode: { request: z.object({ episodeId: pathKeySchema }).strict(), reply: openedMediaSchema },
    setWatched: { request: z.object({ episodeId: pathKeySchema, watched: z.boolean() }).strict(), reply: librarySnapshotSchema },
    /** Sent every few seconds while playing and when the file closes. */
    saveProgress: {
      request: z
        .object({ mediaId: mediaIdSchema, position: mediaTimeSchema, duration: z.number().positive().max(1e7).nullable(), final: z.boolean() })
        .strict(),
      reply: z.null(),
    },
    nextEpisode: {
      request: z.object({ mediaId: mediaIdSchema }).strict(),
      reply: z.object({ episodeId: z.string(), label: z.string() }).nullable(),
    },
  },
  screenshots: {
    /** A PNG the renderer drew (the upscaled frame, with or without subtitles), as bytes. */
    save: {
      request: z
        .object({
          mediaId: mediaIdSchema,
          mediaTime: mediaTimeSchema,
          variant: z.enum(['subtitles', 'video']),
          /** The picture's size as the page drew it: the PNG must be exactly this. */
          width: z.number().int().min(1).max(16_384),
          height: z.number().int().min(1).max(16_384),
          png: bytesSchema.refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= maximumPngBytes, 'a PNG of at most 200 MB'),
        })
        .strict(),
      reply: z.object({ path: z.string() }),
    },
    /**
     * The window as shown, captured by the main process; with an area (CSS pixels), only the
     * picture with its subtitles, as libass drew them over it.
     */
    saveWindow: {
      request: z
        .object({
          mediaId: mediaIdSchema,
          mediaTime: mediaTimeSchema,
          area: z.object({ x: z.number().int().min(0).max(1e5), y: z.number().int().min(0).max(1e5), width: z.number().int().min(1).max(1e5), height: z.number().int().min(1).max(1e5) }).strict().optional(),
        })
        .strict(),
      reply: z.object({ path: z.string() }),
    },
  },
  subtitles: {
    /** The tracks inside the open file and the subtitle files beside it. */
    list: { request: z.object({ mediaId: mediaIdSchema }).strict(), reply: z.array(subtitleChoiceSchema) },
    /** One track as an ASS script with the fonts it needs; extracted when first asked for. */
    load: { request: z.object({ mediaId: mediaIdSchema, trackId: subtitleTrackIdSchema }).strict(), reply: loadedSubtitleSchema },
  },
  shaders: {
    /** The shader files of the shaders folder (the chosen one, or mpv's own). */
    list: { request: noRequest, reply: shaderFolderListingSchema },
    /** The text of files listed there, in the order asked; a chain's worth at a time. */
    read: { request: z.object({ names: z.array(shaderFileNameSchema).min(1).max(maximumChainFiles) }).strict(), reply: z.array(shaderTextSchema) },
    /** The system's folder dialog, in the main process: the page never names a folder to read. */
    chooseFolder: { request: noRequest, reply: settingsSchema },
    /**
     * The system's file dialog for an mpv input.conf or mpv.conf: its shader lists become chains,
     * its keys bindings for them. Null when the viewer cancels.
     */
    importMpvConfig: {
      request: noRequest,
      reply: z.object({ settings: settingsSchema, chains: z.array(z.string()), keys: z.number().int().nonnegative(), skipped: z.array(z.string()).max(200) }).nullable(),
    },
  },
  app: {
    info: {
      request: noRequest,
      reply: z.object({ version: z.string(), platform: z.string(), ffmpeg: z.string().nullable() }),
    },
    /** What happened that the viewer should hear once: a damaged store reset at start, a restart after a crash. Cleared when read. */
    notices: { request: noRequest, reply: z.array(z.string().max(2000)).max(50) },
  },
} as const;

export const errorShapeSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  detail: z.string().optional(),
  file: z.string().optional(),
});

export const eventSchemas = {
  /** The library changed (a scan finished, a file appeared, progress was saved): fetch a snapshot. */
  libraryChanged: z.null(),
  /** A file opened from outside the window: the command line or a second instance. */
  mediaOpened: z.union([
    z.object({ ok: z.literal(true), media: openedMediaSchema }),
    z.object({ ok: z.literal(false), error: errorShapeSchema }),
  ]),
} as const;

type Contract = typeof contract;
export type MethodRequest<S extends keyof Contract, M extends keyof Contract[S]> = Contract[S][M] extends {
  request: z.ZodType;
}
  ? z.infer<Contract[S][M]['request']>
  : never;
export type MethodReply<S extends keyof Contract, M extends keyof Contract[S]> = Contract[S][M] extends {
  reply: z.ZodType;
}
  ? z.infer<Contract[S][M]['reply']>
  : never;

type MethodFunction<Request, Reply> = [Request] extends [undefined]
  ? () => Promise<Reply>
  : (request: Request) => Promise<Reply>;

/** A service implementation on the main side: the same shape as the renderer sees. */
export type ServiceApi = {
  [S in keyof Contract]: {
    [M in keyof Contract[S]]: MethodFunction<MethodRequest<S, M>, MethodReply<S, M>>;
  };
};

export type EventPayload<E extends keyof typeof eventSchemas> = z.infer<(typeof eventSchemas)[E]>;

/** What a call returns across the boundary: a value or an error the UI can show. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ErrorShape };

// Compile-time proof that channels.ts lists exactly the contract's methods and events:
// these types fail to compile when a name is missing on either side.
type Names<T extends readonly string[]> = T[number];
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
export type MethodListsAgree = AssertTrue<
  { [S in keyof Contract]: SameKeys<keyof Contract[S], Names<(typeof methodNames)[S]>> }[keyof Contract]
>;
export type EventListsAgree = AssertTrue<SameKeys<keyof typeof eventSchemas, Names<typeof eventNames>>>;
