import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../../../electron/node/media/ffmpegLocator';
import { probeFile } from '../../../../../electron/node/media/probe';
import { fontNamesOf } from '../../../../../electron/node/subtitles/fontNames';
import { labelOf, SubtitleService } from '../../../../../electron/node/subtitles/subtitleService';
import { SystemFonts } from '../../../../../electron/node/subtitles/systemFonts';
import { parsePgs } from '../../../../../renderer/subtitles/pgs';
import { makeSubtitledClip, oneLineScript } from '../../../../fixtures/media';
import { encodePgs } from '../../../../fixtures/pgs';

const corpus = path.resolve(import.meta.dirname, '../../../../../../shared/corpus');

describe('SubtitleService (real ffmpeg)', () => {
  let ffmpeg = '';
  let ffprobe = '';
  let folder = '';
  beforeAll(async () => {
    const tools = await locateFfmpeg();
    if (!tools) throw new Error('ffmpeg and ffprobe must be installed for these tests');
    ({ ffmpeg, ffprobe } = tools);
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-subtitles-'));
  });
  // Installed fonts: the corpus fonts stand in for a system font folder.
  const service = () => new SubtitleService({ ffmpeg: () => Promise.resolve(ffmpeg), systemFonts: new SystemFonts([path.join(corpus, 'fonts')]) });

  it('lists embedded tracks and extracts them as ASS: ASS as it is, SRT converted', async () => {
    const video = path.join(corpus, 'video', 'mediabunny_test-mkv-multi.mkv');
    const probe = await probeFile(video, ffprobe);
    const subtitles = service();
    expect(await subtitles.list(video, probe)).toEqual([
      expect.objectContaining({ id: 'embedded:2', label: 'English SRT', format: 'SRT', renderable: true }),
      expect.objectContaining({ id: 'embedded:3', label: 'Spanish ASS', format: 'ASS', renderable: true }),
    ]);
    const ass = await subtitles.load(video, probe, 'embedded:3');
    expect(ass.content).toContain('PlayResX: 1280');
    expect(ass.content).toContain('Dialogue: 0,0:00:01.02,0:00:03.52,Default,,0,0,0,,Hello world!');
    const srt = await subtitles.load(video, probe, 'embedded:2');
    expect(srt.content).toContain('[V4+ Styles]');
    expect(srt.content).toContain('Hello world!');
    // Neither names a font the corpus has: said once per load, drawn in the default font.
    expect(ass.warnings).toEqual(['Font not found: Arial. It is drawn in the default font instead.']);
  });

  it('gives the fonts attached to the file, and installed fonts the script names', async () => {
    const clip = await makeSubtitledClip(folder, { name: 'attached.mkv', script: oneLineScript('Aileron', '{\\fnArimo}Installed'), fonts: [path.join(corpus, 'fonts', 'Aileron-Regular.otf')] });
    const probe = await probeFile(clip, ffprobe);
    expect(probe.attachments).toEqual([expect.objectContaining({ isFont: true })]);
    const loaded = await service().load(clip, probe, `embedded:${probe.subtitles[0]?.index ?? -1}`);
    const names = loaded.fonts.map((font) => fontNamesOf(font.data));
    expect(names).toEqual([expect.arrayContaining(['aileron']), expect.arrayContaining(['arimo'])]);
    expect(loaded.warnings).toEqual([]);
  });

  it('lists an embedded PGS track as drawable and hands it over as the .sup stream it was muxed from', async () => {
    const clip = await makeSubtitledClip(folder, { name: 'pgs-source.mkv', script: oneLineScript('Arimo') });
    const track = encodePgs({ width: 640, height: 360 }, [{ start: 0.5, end: 2, x: 10, y: 20, width: 100, height: 30, colour: [81, 240, 90, 255] }]);
    await writeFile(path.join(folder, 'pgs.sup'), track);
    const video = path.join(folder, 'pgs.mkv');
    await promisify(execFile)(ffmpeg, ['-v', 'error', '-y', '-i', clip, '-i', path.join(folder, 'pgs.sup'), '-map', '0:v', '-map', '1:0', '-c', 'copy', '-copyts', video]);
    const probe = await probeFile(video, ffprobe);
    const subtitles = service();
    expect(await subtitles.list(video, probe)).toEqual([expect.objectContaining({ id: 'embedded:1', format: 'PGS', renderable: true })]);
    const loaded = await subtitles.load(video, probe, 'embedded:1');
    expect(loaded.content).toBe('');
    expect(parsePgs(loaded.pgs ?? new Uint8Array())).toEqual(parsePgs(track));
  });

  it('refuses a track id the file does not have, with a message', async () => {
    const video = path.join(corpus, 'video', 'mediabunny_test-mkv-multi.mkv');
    const probe = await probeFile(video, ffprobe);
    await expect(service().load(video, probe, 'embedded:9')).rejects.toThrow('That subtitle track is not in this file.');
    await expect(service().load(video, probe, 'sidecar:0')).rejects.toThrow('That subtitle file is no longer beside the video.');
  });

  it('labels tracks by title and language name', () => {
    expect(labelOf('Signs & Songs', 'eng', false)).toBe('Signs & Songs (English)');
    expect(labelOf('English SRT', 'eng', false)).toBe('English SRT');
    expect(labelOf(null, 'jpn', true)).toBe('Japanese, forced');
    expect(labelOf(null, null, false)).toBe('Untitled track');
  });
});
