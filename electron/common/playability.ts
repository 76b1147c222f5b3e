import type { MediaProbe } from './media';

/**
 * What the embedded Chromium can decode by itself (software decoders, no hardware assumed).
 * Anything outside these lists needs the ffmpeg fallback; until it runs, the viewer is told why.
 */
const playableContainers = ['mov', 'mp4', 'matroska', 'webm', 'ogg'];
const playableVideoCodecs = ['h264', 'vp8', 'vp9', 'av1', 'theora'];
const playableAudioCodecs = ['aac', 'mp3', 'opus', 'vorbis', 'flac', 'pcm_s16le', 'pcm_s24le', 'pcm_f32le', 'pcm_u8'];

const codecNames: Record<string, string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  mpeg4: 'MPEG-4 Part 2',
  mpeg2video: 'MPEG-2',
  mpeg1video: 'MPEG-1',
  vc1: 'VC-1',
  wmv3: 'Windows Media Video 9',
  msmpeg4v3: 'DivX 3',
  theora: 'Theora',
  aac: 'AAC',
  mp3: 'MP3',
  opus: 'Opus',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  ac3: 'Dolby Digital (AC-3)',
  eac3: 'Dolby Digital Plus (E-AC-3)',
  dts: 'DTS',
  truehd: 'Dolby TrueHD',
  mlp: 'MLP',
  wmav2: 'Windows Media Audio',
};

export function codecDisplayName(codec: string): string {
  return codecNames[codec] ?? codec.toUpperCase();
}

export interface AudioProblem {
  index: number;
  codec: string;
  message: string;
}

export interface PlaybackAssessment {
  /** False when the picture cannot be shown at all. */
  canPlay: boolean;
  /** Why the picture cannot be shown, naming the codec or container; null when it can. */
  blockingProblem: string | null;
  audioProblems: AudioProblem[];
}

export function assessPlayback(probe: MediaProbe): PlaybackAssessment {
  const containers = probe.container.split(',');
  const audioProblems = probe.audio
    .filter((track) => !playableAudioCodecs.includes(track.codec))
    .map((track) => ({
      index: track.index,
      codec: track.codec,
      message: `The ${codecDisplayName(track.codec)} audio track cannot be decoded by the built-in player.`,
    }));

  if (!probe.video) {
    return { canPlay: false, blockingProblem: 'This file has no video stream.', audioProblems };
  }
  if (!containers.some((name) => playableContainers.includes(name))) {
    return {
      canPlay: false,
      blockingProblem: `The ${containerDisplayName(probe.container)} container cannot be read by the built-in player.`,
      audioProblems,
    };
  }
  if (!playableVideoCodecs.includes(probe.video.codec)) {
    const depth = probe.video.bitDepth && probe.video.bitDepth > 8 ? ` ${probe.video.bitDepth}-bit` : '';
    return {
      canPlay: false,
      blockingProblem: `This video uses${depth} ${codecDisplayName(probe.video.codec)}, which this computer cannot decode without a hardware decoder.`,
      audioProblems,
    };
  }
  return { canPlay: true, blockingProblem: null, audioProblems };
}

function containerDisplayName(container: string): string {
  if (container.includes('avi')) return 'AVI';
  if (container.includes('mpegts')) return 'MPEG transport stream';
  if (container.includes('flv')) return 'Flash video';
  if (container.includes('asf')) return 'Windows Media';
  return container;
}
