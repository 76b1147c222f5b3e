import type { ConversionPlan } from '../../common/conversion';
import type { MediaProbe, VideoStream } from '../../common/media';
import { assessPlayback, codecDisplayName } from '../../common/playability';

/** Codecs an MP4 fragment can carry that Chromium decodes without help. */
const copyableVideo = ['h264', 'vp9', 'av1'];
/** Transcoded audio is AAC; AAC itself is copied. */
const copyableAudio = ['aac'];

const h264Profiles: Record<string, string> = {
  'Constrained Baseline': '42',
  Baseline: '42',
  Main: '4d',
  Extended: '58',
  High: '64',
  'High 10': '6e',
  'High 4:2:2': '7a',
  'High 4:4:4 Predictive': 'f4',
};

/** RFC 6381 codec string of the video as it will leave ffmpeg. The level is the highest common one: it only gates support checks. */
export function videoCodecString(video: VideoStream, action: 'copy' | 'transcode'): string {
  if (action === 'transcode') return 'avc1.640033';
  const tenBit = (video.bitDepth ?? 8) > 8;
  switch (video.codec) {
    case 'vp9':
      return tenBit ? 'vp09.02.51.10' : 'vp09.00.51.08';
    case 'av1':
      return tenBit ? 'av01.0.13M.10' : 'av01.0.13M.08';
    default:
      return `avc1.${h264Profiles[video.profile ?? ''] ?? '64'}0033`;
  }
}

/**
 * The plan for a file the player cannot play by itself; null when it can (or when there is no
 * picture to convert). Any audio track that needs conversion sends the whole file through
 * ffmpeg, so switching to that track later works like any other.
 */
export function planConversion(probe: MediaProbe): ConversionPlan | null {
  const assessment = assessPlayback(probe);
  const video = probe.video;
  if (!video || (assessment.canPlay && assessment.audioProblems.length === 0)) return null;

  const videoAction = copyableVideo.includes(video.codec) ? 'copy' : 'transcode';
  const audio = probe.audio.map((track) => ({
    index: track.index,
    action: copyableAudio.includes(track.codec) ? ('copy' as const) : ('transcode' as const),
  }));
  const codecs = [videoCodecString(video, videoAction), ...(audio.length > 0 ? ['mp4a.40.2'] : [])];

  const converted: string[] = [];
  if (videoAction === 'transcode') converted.push(`${codecDisplayName(video.codec)} video to H.264`);
  const transcodedAudio = [...new Set(probe.audio.filter((track) => !copyableAudio.includes(track.codec)).map((track) => codecDisplayName(track.codec)))];
  if (transcodedAudio.length > 0) converted.push(`${transcodedAudio.join(' and ')} audio to AAC`);
  const notice =
    converted.length > 0
      ? `Converting ${converted.join(' and ')} with ffmpeg as it plays.`
      : 'Repackaging this file with ffmpeg as it plays; nothing is re-encoded.';

  return { video: videoAction, audio, mimeType: `video/mp4; codecs="${codecs.join(',')}"`, notice };
}
