import { describe, expect, it } from 'vitest';
import type { MediaProbe } from '../../../../electron/common/media';
import { assessPlayback, codecDisplayName } from '../../../../electron/common/playability';

function probe(overrides: Partial<MediaProbe> & { codec?: string; bitDepth?: number } = {}): MediaProbe {
  const { codec = 'h264', bitDepth = 8, ...rest } = overrides;
  return {
    container: 'matroska,webm',
    durationSeconds: 10,
    sizeBytes: 1,
    bitRate: null,
    video: { index: 0, codec, profile: null, bitDepth, pixelFormat: null, width: 1920, height: 1080, frameRate: 24 },
    audio: [],
    subtitles: [],
    attachments: [],
    chapters: [],
    warnings: [],
    ...rest,
  };
}

describe('assessPlayback', () => {
  it.each(['h264', 'vp9', 'av1'])('plays %s in Matroska', (codec) => {
    expect(assessPlayback(probe({ codec })).canPlay).toBe(true);
  });

  it('names HEVC and its bit depth', () => {
    const result = assessPlayback(probe({ codec: 'hevc', bitDepth: 10 }));
    expect(result.canPlay).toBe(false);
    expect(result.blockingProblem).toContain('10-bit HEVC (H.265)');
  });

  it('names containers it cannot read', () => {
    expect(assessPlayback(probe({ container: 'avi' })).blockingProblem).toContain('AVI');
    expect(assessPlayback(probe({ container: 'mpegts' })).blockingProblem).toContain('MPEG transport stream');
  });

  it('plays the picture but lists audio it cannot decode', () => {
    const result = assessPlayback(
      probe({
        audio: [
          { index: 1, codec: 'ac3', language: null, title: null, channels: 6, channelLayout: null, isDefault: true },
          { index: 2, codec: 'aac', language: null, title: null, channels: 2, channelLayout: null, isDefault: false },
        ],
      }),
    );
    expect(result.canPlay).toBe(true);
    expect(result.audioProblems).toEqual([expect.objectContaining({ index: 1, codec: 'ac3' })]);
    expect(result.audioProblems[0]?.message).toContain('Dolby Digital (AC-3)');
  });

  it('refuses a file without video', () => {
    expect(assessPlayback(probe({ video: null })).blockingProblem).toMatch(/no video/);
  });

  it('shows unknown codecs by their ffmpeg name', () => {
    expect(codecDisplayName('prores')).toBe('PRORES');
  });
});
