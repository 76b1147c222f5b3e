import type { Attachment, AudioTrack, Chapter, MediaProbe, SubtitleTrack, VideoStream } from '../../common/media';

/** The parts of `ffprobe -print_format json` output that we read. Everything is optional. */
interface FfprobeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  channels?: number;
  channel_layout?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
}

interface FfprobeOutput {
  format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string };
  streams?: FfprobeStream[];
  chapters?: { start_time?: string; end_time?: string; tags?: Record<string, string> }[];
}

/** More than any real file has; a file that claims more is read up to here. */
export const probeLimits = { streams: 1000, chapters: 1000, textLength: 1000 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text fields as text (capped), numbers as numbers: the values come from the file, whatever it says. */
function cleanRecord(value: unknown, numbers: readonly string[] = []): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const clean: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (numbers.includes(key)) {
      if (typeof field === 'number' && Number.isFinite(field)) clean[key] = field;
    } else if (typeof field === 'string') clean[key] = field.slice(0, probeLimits.textLength);
    else if (key === 'tags' || key === 'disposition') clean[key] = cleanRecord(field, key === 'disposition' ? Object.keys(isRecord(field) ? field : {}) : []);
  }
  return clean;
}

const streamNumbers = ['index', 'width', 'height', 'channels'] as const;

/** Whatever ffprobe printed, reduced to the shape read below, with every value checked. */
export function cleanProbeOutput(value: unknown): FfprobeOutput {
  const output = isRecord(value) ? value : {};
  const list = (field: unknown, limit: number): unknown[] => (Array.isArray(field) ? (field as unknown[]).slice(0, limit) : []);
  return {
    format: cleanRecord(output['format']),
    streams: list(output['streams'], probeLimits.streams).map((stream) => cleanRecord(stream, streamNumbers) as FfprobeStream),
    chapters: list(output['chapters'], probeLimits.chapters).map((chapter) => cleanRecord(chapter) as NonNullable<FfprobeOutput['chapters']>[number]),
  };
}

const bitmapSubtitleCodecs = ['hdmv_pgs_subtitle', 'dvd_subtitle', 'dvb_subtitle', 'xsub'];
const fontExtensions = /\.(ttf|otf|ttc|woff2?)$/i;

export function parseFraction(text: string | undefined): number | null {
  if (!text) return null;
  const [numerator, denominator] = text.split('/').map(Number);
  if (numerator === undefined || !Number.isFinite(numerator)) return null;
  if (denominator === undefined) return numerator > 0 ? numerator : null;
  if (!Number.isFinite(denominator) || denominator === 0 || numerator === 0) return null;
  return numerator / denominator;
}

function wholeNumber(value: number | undefined): number {
  return value === undefined ? 0 : Math.max(0, Math.min(1e6, Math.trunc(value)));
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text === '' || text === 'N/A') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Bit depth from the raw sample size when ffprobe knows it, else from the pixel format name. */
export function bitDepthOf(stream: FfprobeStream): number | null {
  const raw = numberOrNull(stream.bits_per_raw_sample);
  if (raw && raw > 0) return raw;
  const format = stream.pix_fmt ?? '';
  const match = /p(\d{2})(le|be)?$/.exec(format);
  if (match?.[1]) return Number(match[1]);
  return format ? 8 : null;
}

function tag(stream: { tags?: Record<string, string> }, name: string): string | null {
  const tags = stream.tags ?? {};
  const key = Object.keys(tags).find((candidate) => candidate.toLowerCase() === name);
  const value = key ? tags[key] : undefined;
  return value && value !== 'und' ? value : null;
}

function flag(stream: FfprobeStream, name: string): boolean {
  return (stream.disposition?.[name] ?? 0) === 1;
}

export function parseProbe(printed: unknown, fileSize: number, warnings: string[] = []): MediaProbe {
  const output = cleanProbeOutput(printed);
  const streams = output.streams ?? [];
  const videoStream = streams.find((stream) => stream.codec_type === 'video' && !flag(stream, 'attached_pic'));
  const video: VideoStream | null = videoStream
    ? {
        index: wholeNumber(videoStream.index),
        codec: videoStream.codec_name ?? 'unknown',
        profile: videoStream.profile ?? null,
        bitDepth: bitDepthOf(videoStream),
        pixelFormat: videoStream.pix_fmt ?? null,
        width: wholeNumber(videoStream.width),
        height: wholeNumber(videoStream.height),
        frameRate: parseFraction(videoStream.avg_frame_rate) ?? parseFraction(videoStream.r_frame_rate),
      }
    : null;

  const audio: AudioTrack[] = streams
    .filter((stream) => stream.codec_type === 'audio')
    .map((stream) => ({
      index: wholeNumber(stream.index),
      codec: stream.codec_name ?? 'unknown',
      language: tag(stream, 'language'),
      title: tag(stream, 'title'),
      channels: stream.channels === undefined ? null : wholeNumber(stream.channels),
      channelLayout: stream.channel_layout ?? null,
      isDefault: flag(stream, 'default'),
    }));

  const subtitles: SubtitleTrack[] = streams
    .filter((stream) => stream.codec_type === 'subtitle')
    .map((stream) => ({
      index: wholeNumber(stream.index),
      codec: stream.codec_name ?? 'unknown',
      language: tag(stream, 'language'),
      title: tag(stream, 'title'),
      isDefault: flag(stream, 'default'),
      isForced: flag(stream, 'forced'),
      isBitmap: bitmapSubtitleCodecs.includes(stream.codec_name ?? ''),
    }));

  const attachments: Attachment[] = streams
    .filter((stream) => stream.codec_type === 'attachment')
    .map((stream) => {
      const fileName = tag(stream, 'filename');
      const mimeType = tag(stream, 'mimetype');
      const isFont =
        /font|truetype|opentype/i.test(mimeType ?? '') ||
        fontExtensions.test(fileName ?? '') ||
        ['ttf', 'otf'].includes(stream.codec_name ?? '');
      return { index: wholeNumber(stream.index), fileName, mimeType, isFont };
    });

  const chapters: Chapter[] = (output.chapters ?? []).map((chapter) => ({
    startSeconds: numberOrNull(chapter.start_time) ?? 0,
    endSeconds: numberOrNull(chapter.end_time) ?? 0,
    title: tag(chapter, 'title'),
  }));

  return {
    container: output.format?.format_name ?? 'unknown',
    durationSeconds: numberOrNull(output.format?.duration),
    sizeBytes: fileSize,
    bitRate: numberOrNull(output.format?.bit_rate),
    video,
    audio,
    subtitles,
    attachments,
    chapters,
    warnings,
  };
}
