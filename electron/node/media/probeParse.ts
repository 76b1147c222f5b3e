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

export function parseProbe(output: FfprobeOutput, fileSize: number, warnings: string[] = []): MediaProbe {
  const streams = output.streams ?? [];
  const videoStream = streams.find((stream) => stream.codec_type === 'video' && !flag(stream, 'attached_pic'));
  const video: VideoStream | null = videoStream
    ? {
        index: videoStream.index ?? 0,
        codec: videoStream.codec_name ?? 'unknown',
        profile: videoStream.profile ?? null,
        bitDepth: bitDepthOf(videoStream),
        pixelFormat: videoStream.pix_fmt ?? null,
        width: videoStream.width ?? 0,
        height: videoStream.height ?? 0,
        frameRate: parseFraction(videoStream.avg_frame_rate) ?? parseFraction(videoStream.r_frame_rate),
      }
    : null;

  const audio: AudioTrack[] = streams
    .filter((stream) => stream.codec_type === 'audio')
    .map((stream) => ({
      index: stream.index ?? 0,
      codec: stream.codec_name ?? 'unknown',
      language: tag(stream, 'language'),
      title: tag(stream, 'title'),
      channels: stream.channels ?? null,
      channelLayout: stream.channel_layout ?? null,
      isDefault: flag(stream, 'default'),
    }));

  const subtitles: SubtitleTrack[] = streams
    .filter((stream) => stream.codec_type === 'subtitle')
    .map((stream) => ({
      index: stream.index ?? 0,
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
      return { index: stream.index ?? 0, fileName, mimeType, isFont };
    });

  const chapters: Chapter[] = (output.chapters ?? []).map((chapter) => ({
    startSeconds: numberOrNull(chapter.start_time) ?? 0,
    endSeconds: numberOrNull(chapter.end_time) ?? 0,
    title: tag(chapter, 'title'),
  }));

  return {
    container: output.format?.format_name ?? 'unknown',
    durationSeconds: numberOrNull(output.format?.duration),
    sizeBytes: numberOrNull(output.format?.size) ?? fileSize,
    bitRate: numberOrNull(output.format?.bit_rate),
    video,
    audio,
    subtitles,
    attachments,
    chapters,
    warnings,
  };
}
