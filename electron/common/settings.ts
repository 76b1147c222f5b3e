import { z } from 'zod';
import { chainNameSchema, maximumChains, shaderChainSchema, shaderFileNameSchema } from './shaders';
import { anime4kModes, scalerKinds, upscaleTiers } from './upscaling';

/** A chain of the viewer's mpv shaders, by the name it was saved under. */
const chainPresetSchema = z.object({ kind: z.literal('shaders'), chain: chainNameSchema });

export const upscalePresetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('classic') }),
  z.object({ kind: z.literal('cnn'), mode: z.enum(anime4kModes), tier: z.enum(upscaleTiers) }),
  chainPresetSchema,
]);

/** A rule of the per-resolution table: sources up to `maximumHeight` lines get `preset`. */
export const presetRuleSchema = z.object({
  maximumHeight: z.number().int().positive().max(100_000),
  preset: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('off') }),
    z.object({ kind: z.literal('classic') }),
    z.object({ kind: z.literal('cnn'), mode: z.enum(anime4kModes) }),
    chainPresetSchema,
  ]),
});

/** Per-series entries kept: far more series than anyone watches; past it the oldest entries go. */
export const maximumSeriesEntries = 5000;

/** A map by series key that keeps its newest `maximumSeriesEntries` entries (a longer one on disk or from the page is cut, not refused). */
function seriesRecord<T extends z.ZodType>(value: T) {
  return z.preprocess((input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
    const entries = Object.entries(input);
    return entries.length > maximumSeriesEntries ? Object.fromEntries(entries.slice(-maximumSeriesEntries)) : input;
  }, z.record(z.string().max(200), value));
}

/** The groups of the settings, as a patch gives them: whole, and with nothing filled in. */
const groups = {
  upscaling: z.object({
    /** auto: WebGPU when a hardware adapter passes the self-test, else WebGL2. */
    backend: z.enum(['auto', 'webgpu', 'webgl2']),
    /** Sources are matched against the rules in order; the first whose height fits wins. */
    rules: z.array(presetRuleSchema).max(16),
    /** auto: the tier the first-run benchmark chose for this GPU. */
    tier: z.enum(['auto', ...upscaleTiers]),
    /** Tier measured on the GPU named here (backend and adapter); measured again when it changes. */
    measuredTier: z
      .object({
        gpu: z.string().max(400),
        tier: z.enum(upscaleTiers),
        /** What Mode A HQ took per frame in the measurement; absent when it did not finish in time. */
        frameMs: z.number().nonnegative().max(1e6).optional(),
        /** frameMs was scaled up from a smaller picture: the card was too slow to run the full one. */
        estimated: z.boolean().optional(),
      })
      .nullable(),
    /** Per-series presets, by series key (issue of the library). */
    seriesOverrides: seriesRecord(upscalePresetSchema),
    scaler: z.enum(scalerKinds),
    referenceScaler: z.enum(scalerKinds),
    governor: z.boolean(),
    /** Frames that repeat the drawing before them show its upscaled picture (absent in older files: on). */
    reuseRepeats: z.boolean().default(true),
    /**
     * The mode follows what the picture shows (the height it was drawn at, soft lines, noise)
     * rather than the file's height, unless the viewer wrote rules of their own (absent in older files: on).
     */
    fromPicture: z.boolean().default(true),
  }),
  compare: z.object({
    enabled: z.boolean(),
    position: z.number().min(0).max(1),
    /** What the split's left side shows: a preset of its own, or (null) the reference scaler. Absent in older files. */
    left: upscalePresetSchema.nullable().default(null),
  }),
  player: z.object({ volume: z.number().min(0).max(100), muted: z.boolean() }),
  /** input.conf lines that override the default keys. */
  inputConf: z.string().max(64_000),
  /** Chosen in the system's folder dialog (never from the page); null: Pictures/Kirei. */
  screenshotFolder: z.string().max(4096).nullable(),
  /** Chosen in the system's file dialog (never from the page); null: found automatically. */
  ffmpeg: z.object({ ffmpeg: z.string().max(4096).nullable(), ffprobe: z.string().max(4096).nullable() }),
  /** Chosen in the system's folder dialog (never from the page); null: mpv's own shaders folder. */
  shaderFolder: z.string().max(4096).nullable(),
  /** Chains of mpv shader files saved by name, usable wherever a preset is. */
  shaders: z
    .object({ chains: z.array(shaderChainSchema).max(maximumChains) })
    .refine((value) => new Set(value.chains.map((chain) => chain.name)).size === value.chains.length, 'chain names are unique'),
  /** The viewer's values of shader files' //!PARAM settings, by file and parameter; absent ones run at the file's default. */
  shaderParameters: z.record(shaderFileNameSchema, z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.number())).refine((value) => Object.keys(value).length <= 500, 'at most 500 files'),
  /** The audio language picked last for each series (by series key): its next episodes start in it. */
  audio: z.object({ languageBySeries: seriesRecord(z.string().max(40)) }),
  /** Font size of every subtitle, as mpv's sub-scale (1 = as the script says). */
  subtitles: z.object({ scale: z.number().min(0.5).max(3) }),
};

/**
 * The settings as stored. Groups added after the first release are filled in when an older file
 * lacks them; a patch (below) fills in nothing, or every change would reset them.
 */
export const settingsSchema = z.object({
  ...groups,
  shaderFolder: groups.shaderFolder.default(null),
  shaders: groups.shaders.default({ chains: [] }),
  shaderParameters: groups.shaderParameters.default({}),
  audio: groups.audio.default({ languageBySeries: {} }),
  subtitles: groups.subtitles.default({ scale: 1 }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type PresetRule = z.infer<typeof presetRuleSchema>;

/** The defaults: Anime4K's own advice per source resolution, the tier chosen by measurement. */
export function defaultSettings(): Settings {
  return {
    upscaling: {
      backend: 'auto',
      rules: [
        { maximumHeight: 480, preset: { kind: 'cnn', mode: 'C' } },
        { maximumHeight: 720, preset: { kind: 'cnn', mode: 'B' } },
        { maximumHeight: 1080, preset: { kind: 'cnn', mode: 'A' } },
      ],
      tier: 'auto',
      measuredTier: null,
      seriesOverrides: {},
      scaler: 'catmull-rom',
      referenceScaler: 'catmull-rom',
      governor: true,
      reuseRepeats: true,
      fromPicture: true,
    },
    compare: { enabled: false, position: 0.5, left: null },
    player: { volume: 100, muted: false },
    inputConf: '',
    screenshotFolder: null,
    ffmpeg: { ffmpeg: null, ffprobe: null },
    shaderFolder: null,
    shaders: { chains: [] },
    shaderParameters: {},
    audio: { languageBySeries: {} },
    subtitles: { scale: 1 },
  };
}

/** A partial update: any top-level group may be given, each replaced as a whole after validation. */
export const settingsPatchSchema = z.object(groups).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * What the page may change: everything but the program Kirei runs, the folder it writes
 * screenshots to and the folder it reads shaders from, which only the main process sets, from the
 * system's dialogs.
 */
export const pageSettingsPatchSchema = z.object(groups).omit({ screenshotFolder: true, ffmpeg: true, shaderFolder: true }).partial().strict();
export type PageSettingsPatch = z.infer<typeof pageSettingsPatchSchema>;

/** Rules the viewer wrote (not Kirei's own table): they say what the viewer wants, so they win over the picture. */
export function ownRules(upscaling: Settings['upscaling']): boolean {
  return JSON.stringify(upscaling.rules) !== JSON.stringify(defaultSettings().upscaling.rules);
}
