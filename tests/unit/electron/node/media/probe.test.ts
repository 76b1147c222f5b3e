import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KireiError } from '../../../../../electron/common/errors';
import { locateFfmpeg } from '../../../../../electron/node/media/ffmpegLocator';
import { probeFile } from '../../../../../electron/node/media/probe';
import { makeBrokenFiles, makeFrameCodeClip } from '../../../../fixtures/media';

const corpus = path.resolve(import.meta.dirname, '../../../../../../shared/corpus');

describe('probeFile (real ffprobe)', () => {
  let ffprobe = '';
  let folder = '';
  beforeAll(async () => {
    const tools = await locateFfmpeg();
    if (!tools) throw new Error('ffmpeg and ffprobe must be installed for these tests');
    ffprobe = tools.ffprobe;
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-probe-'));
  });

  it('reads a generated H.264/AAC MKV', async () => {
    const clip = await makeFrameCodeClip(folder, { seconds: 2 });
    const probe = await probeFile(clip.path, ffprobe);
    expect(probe.container).toContain('matroska');
    expect(probe.durationSeconds).toBeCloseTo(2, 0);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360, bitDepth: 8 });
    expect(probe.video?.frameRate).toBeCloseTo(25, 3);
    expect(probe.audio).toEqual([expect.objectContaining({ codec: 'aac', channels: 1 })]);
    expect(probe.warnings).toEqual([]);
  });

  it('reads subtitle tracks with language and title from the corpus', async () => {
    const probe = await probeFile(path.join(corpus, 'video', 'mediabunny_test-mkv-multi.mkv'), ffprobe);
    expect(probe.subtitles).toEqual([
      expect.objectContaining({ codec: 'subrip', language: 'eng', title: 'English SRT', isBitmap: false }),
      expect.objectContaining({ codec: 'ass', language: 'spa', title: 'Spanish ASS' }),
    ]);
  });

  it('reads a 10-bit HEVC stream and its profile', async () => {
    const probe = await probeFile(path.join(corpus, 'video', 'gradient_1080p_0-25_yuv420p10_x265.mp4'), ffprobe);
    expect(probe.video).toMatchObject({ codec: 'hevc', bitDepth: 10, width: 1920, height: 1080, profile: 'Main 10' });
  });

  it('reads AC-3 audio next to an ASS track', async () => {
    const probe = await probeFile(path.join(corpus, 'video', 'androidx_sample_with_ass_subtitles.mkv'), ffprobe);
    expect(probe.audio[0]?.codec).toBe('ac3');
    expect(probe.subtitles[0]?.codec).toBe('ass');
  });

  it.each([
    ['empty-file', 'empty'],
    ['not-media', 'notMedia'],
    ['truncated', 'truncated'],
  ] as const)('gives a clear %s error', async (code, which) => {
    const source = await makeFrameCodeClip(folder, { container: 'mp4', seconds: 2, name: 'source.mp4' });
    const files = await makeBrokenFiles(path.join(folder, 'broken'), source.path);
    const error = await probeFile(files[which], ffprobe).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KireiError);
    expect((error as KireiError).code).toBe(code);
    expect((error as KireiError).message).toMatch(/\.$/);
  });

  it('says so when the file does not exist or is a folder', async () => {
    await expect(probeFile(path.join(folder, 'missing.mkv'), ffprobe)).rejects.toMatchObject({ code: 'not-found' });
    await expect(probeFile(folder, ffprobe)).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('reports a missing ffprobe as such', async () => {
    const clip = await makeFrameCodeClip(folder, { seconds: 2 });
    await expect(probeFile(clip.path, path.join(folder, 'no-ffprobe'))).rejects.toMatchObject({ code: 'ffmpeg-missing' });
  });
});
