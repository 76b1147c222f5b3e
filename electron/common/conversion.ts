import { z } from 'zod';

/**
 * How a file the built-in decoders cannot play is played anyway: ffmpeg writes fragmented MP4
 * (video copied when Chromium decodes it, else H.264; audio copied when AAC, else AAC) and the
 * renderer feeds it to Media Source Extensions. The main process plans it (media/conversionPlan.ts).
 */
export const conversionPlanSchema = z.object({
  video: z.enum(['copy', 'transcode']),
  /** Per audio stream index of the source: what happens to that track when it is the one playing. */
  audio: z.array(z.object({ index: z.number().int(), action: z.enum(['copy', 'transcode']) })),
  /** The MIME type with codecs that the renderer's SourceBuffer is created with. */
  mimeType: z.string(),
  /** One line for the viewer: what is converted and why. */
  notice: z.string(),
});

export type ConversionPlan = z.infer<typeof conversionPlanSchema>;
