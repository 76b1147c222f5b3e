import { describe, expect, it } from 'vitest';
import { planConversion, videoCodecString } from '../../../../../electron/node/media/conversionPlan';
import type { AudioTrack, MediaProbe } from '../../../../../electron/common/media';

function audio(index: number, codec: string, channels = 2): AudioTrack {
  return { index, codec, language: null, title: null, channels, channelLayout: null, isDefault: index === 1 };
}

function probe(overrides: Partial<MediaProbe> & { codec?: string; bitDepth?: number; profile?: string } = {}): MediaProbe {
  const { codec = 'h264', bitDepth = 8, profile = 'High', ...rest } = overrides;
  return {
    container: 'matroska,webm',
    durationSeconds: 1420,
    sizeBytes: 1,
    bitRate: null,
    video: { index: 0, codec, profile, bitDepth, pixelFormat: null, width: 1920, height: 1080, frameRate: 23.976 },
    audio: [audio(1, 'aac')],
    subtitles: [],
    attachments: [],
    chapters: [],
    warnings: [],
    ...rest,
  };
}

describe('planConversion', () => {
  it('leaves files the built-in decoders play alone', () => {
    expect(planConversion(probe())).toBeNull();
    expect(planConversion(probe({ codec: 'vp9', audio: [audio(1, 'opus')] }))).toBeNull();
  });

  it('has nothing to convert without a picture', () => {
    expect(planConversion(probe({ video: null, audio: [audio(0, 'ac3')] }))).toBeNull();
  });

  it('transcodes HEVC video and copies AAC audio', () => {
    expect(planConversion(probe({ codec: 'hevc', bitDepth: 10, profile: 'Main 10' }))).toEqual({
      video: 'transcode',
      audio: [{ index: 1, action: 'copy' }],
      mimeType: 'video/mp4; codecs="avc1.640033,mp4a.40.2"',
      notice: 'Converting HEVC (H.265) video to H.264 with ffmpeg as it plays.',
    });
  });

  it('copies H.264 and transcodes every Dolby or DTS track, naming each codec once', () => {
    const plan = planConversion(probe({ audio: [audio(1, 'eac3', 6), audio(2, 'aac'), audio(3, 'dts', 6), audio(4, 'eac3')] }));
    expect(plan?.video).toBe('copy');
    expect(plan?.audio).toEqual([
      { index: 1, action: 'transcode' },
      { index: 2, action: 'copy' },
      { index: 3, action: 'transcode' },
      { index: 4, action: 'transcode' },
    ]);
    expect(plan?.notice).toBe('Converting Dolby Digital Plus (E-AC-3) and DTS audio to AAC with ffmpeg as it plays.');
  });

  it('repackages a playable stream from a container the player cannot read, without re-encoding', () => {
    const plan = planConversion(probe({ container: 'mpegts' }));
    expect(plan?.video).toBe('copy');
    expect(plan?.notice).toBe('Repackaging this file with ffmpeg as it plays; nothing is re-encoded.');
  });

  it('leaves the audio out of the MIME type when there is none', () => {
    expect(planConversion(probe({ codec: 'mpeg2video', audio: [] }))?.mimeType).toBe('video/mp4; codecs="avc1.640033"');
  });
});

describe('videoCodecString', () => {
  const video = (codec: string, profile: string | null, bitDepth = 8) => ({ index: 0, codec, profile, bitDepth, pixelFormat: null, width: 1, height: 1, frameRate: null });
  it.each([
    [video('h264', 'Main'), 'avc1.4d0033'],
    [video('h264', 'High 10', 10), 'avc1.6e0033'],
    [video('h264', 'Constrained Baseline'), 'avc1.420033'],
    [video('h264', null), 'avc1.640033'],
    [video('vp9', 'Profile 0'), 'vp09.00.51.08'],
    [video('vp9', 'Profile 2', 10), 'vp09.02.51.10'],
    [video('av1', 'Main', 10), 'av01.0.13M.10'],
  ])('names %o as %s when copied', (stream, expected) => {
    expect(videoCodecString(stream, 'copy')).toBe(expected);
  });
});
