import { describe, expect, it } from 'vitest';
import { bitDepthOf, parseFraction, parseProbe } from '../../../../../electron/node/media/probeParse';

describe('probe parsing', () => {
  it.each([
    ['24000/1001', 23.976],
    ['25/1', 25],
    ['0/0', null],
    ['30', 30],
    [undefined, null],
    ['x/y', null],
  ])('parses the frame rate %s', (text, expected) => {
    const value = parseFraction(text);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 3);
  });

  it.each([
    [{ bits_per_raw_sample: '10' }, 10],
    [{ pix_fmt: 'yuv420p10le' }, 10],
    [{ pix_fmt: 'yuv420p12be' }, 12],
    [{ pix_fmt: 'yuv420p' }, 8],
    [{}, null],
  ])('finds the bit depth of %o', (stream, expected) => {
    expect(bitDepthOf(stream)).toBe(expected);
  });

  it('keeps attachments, marks fonts, skips cover art as video, reads chapters', () => {
    const probe = parseProbe(
      {
        format: { format_name: 'matroska,webm', duration: '1420.5', size: '123456', bit_rate: 'N/A' },
        streams: [
          { index: 0, codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } },
          { index: 1, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, pix_fmt: 'yuv420p', avg_frame_rate: '24000/1001' },
          { index: 2, codec_type: 'audio', codec_name: 'flac', channels: 2, tags: { language: 'jpn', title: 'Japanese' }, disposition: { default: 1 } },
          { index: 3, codec_type: 'subtitle', codec_name: 'hdmv_pgs_subtitle', tags: { language: 'und' }, disposition: { forced: 1 } },
          { index: 4, codec_type: 'attachment', codec_name: 'ttf', tags: { filename: 'Font.TTF', mimetype: 'application/x-truetype-font' } },
          { index: 5, codec_type: 'attachment', tags: { filename: 'cover.jpg', mimetype: 'image/jpeg' } },
        ],
        chapters: [{ start_time: '0.000', end_time: '90.0', tags: { title: 'Opening' } }],
      },
      999,
    );
    expect(probe.video?.codec).toBe('h264');
    // The size measured on disk, not the one the file claims.
    expect(probe.sizeBytes).toBe(999);
    expect(probe.bitRate).toBeNull();
    expect(probe.audio[0]).toMatchObject({ language: 'jpn', title: 'Japanese', isDefault: true });
    expect(probe.subtitles[0]).toMatchObject({ isBitmap: true, isForced: true, language: null });
    expect(probe.attachments.map((attachment) => attachment.isFont)).toEqual([true, false]);
    expect(probe.chapters).toEqual([{ startSeconds: 0, endSeconds: 90, title: 'Opening' }]);
  });
});
