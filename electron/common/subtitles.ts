import { z } from 'zod';
import { bytesSchema } from './bytes';

/** One subtitle track the viewer can pick: inside the video file or a file beside it. */
export const subtitleChoiceSchema = z.object({
  /** `embedded:<stream index>` or `sidecar:<n>`; only meaningful to the main process. */
  id: z.string().regex(/^(embedded|sidecar):\d+$/),
  source: z.enum(['embedded', 'sidecar']),
  /** Short: language and title ("English", "Signs & Songs (English)"); the format is shown beside it. */
  label: z.string(),
  /** The file's name, for a sidecar: told apart by it in the menu, never as the label itself. */
  fileName: z.string().nullable(),
  language: z.string().nullable(),
  format: z.string(),
  isDefault: z.boolean(),
  isForced: z.boolean(),
  /** PGS is drawn; VobSub and DVB bitmaps are listed but not drawn. */
  renderable: z.boolean(),
});

export const loadedSubtitleSchema = z.object({
  /** The track as an ASS script: text formats are converted, so libass draws them all alike. Empty for PGS. */
  content: z.string(),
  /** A Blu-ray bitmap track (PGS) as ffmpeg writes it out (.sup); null for text tracks. */
  pgs: bytesSchema.nullable(),
  /** Fonts the script may use: attachments, a Fonts folder beside the video, installed fonts it names. */
  fonts: z.array(z.object({ name: z.string(), data: bytesSchema })),
  /** Skipped lines, fonts that are not available: said once, never silently. */
  warnings: z.array(z.string()),
});

export const subtitleTrackIdSchema = subtitleChoiceSchema.shape.id;

export type SubtitleChoice = z.infer<typeof subtitleChoiceSchema>;
export type LoadedSubtitle = z.infer<typeof loadedSubtitleSchema>;
