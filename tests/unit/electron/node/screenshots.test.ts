import { describe, expect, it } from 'vitest';
import { isPng, screenshotFileName } from '../../../../electron/node/screenshots';

describe('screenshotFileName', () => {
  it.each([
    ['[SubsPlease] Sousou no Frieren - 12 (1080p)', 754.5, 'subtitles', '[SubsPlease] Sousou no Frieren - 12 (1080p) - 00-12-34.500.png'],
    ['Title: Part 1/2?', 3725.25, 'video', 'Title Part 1 2 - 01-02-05.250 (no subtitles).png'],
    ['trailing dots...', 0, 'window', 'trailing dots - 00-00-00.000 (window).png'],
    ['\u0000\u0001', 1, 'subtitles', 'Kirei - 00-00-01.000.png'],
  ] as const)('%s at %s s (%s)', (title, time, variant, expected) => {
    expect(screenshotFileName(title, time, variant)).toBe(expected);
  });

  it('keeps names short enough for any file system', () => {
    expect(screenshotFileName('x'.repeat(400), 1, 'subtitles').length).toBeLessThan(200);
  });
});

describe('isPng', () => {
  it('checks the signature', () => {
    expect(isPng(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(true);
    expect(isPng(Uint8Array.of(0x89, 0x50, 0x4e, 0x47))).toBe(false);
    expect(isPng(new TextEncoder().encode('GIF89a-----'))).toBe(false);
  });
});
