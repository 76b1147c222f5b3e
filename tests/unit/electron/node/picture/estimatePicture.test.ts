import { appendFile, copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toolProcesses } from '../../../../../electron/node/childProcesses';
import { locateFfmpeg } from '../../../../../electron/node/media/ffmpegLocator';
import type { OpenFile } from '../../../../../electron/node/media/openFiles';
import { probeFile } from '../../../../../electron/node/media/probe';
import { estimatePicture } from '../../../../../electron/node/picture/estimatePicture';
import { PictureEstimates } from '../../../../../electron/node/picture/pictureEstimates';
import { makeDrawnClip } from '../../../../fixtures/nativeTestSet';

const corpus = path.resolve(import.meta.dirname, '../../../../../../shared/corpus');

describe('measuring an open file', () => {
  let folder = '';
  let first = '';
  let second = '';
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-picture-'));
    first = makeDrawnClip(corpus, folder, '[Group] Show - 01 (1080p).mp4', 720);
    second = path.join(folder, '[Group] Show - 02 (1080p).mp4');
    await copyFile(first, second);
  }, 120_000);

  async function open(filePath: string): Promise<OpenFile> {
    const tools = await locateFfmpeg();
    if (!tools) throw new Error('ffmpeg is needed');
    return { id: 'a'.repeat(32), path: filePath, probe: await probeFile(filePath, tools.ffprobe, { processes: toolProcesses }), conversion: null };
  }

  it('finds the drawn height of a clip, keeps it for the file and its series, and measures a changed file again', async () => {
    const store = path.join(folder, 'pictures.json');
    const context = { estimates: new PictureEstimates(store), ffmpeg: locateFfmpeg, processes: toolProcesses };
    await context.estimates.load();
    const episode = await open(first);
    expect(await estimatePicture(context, episode, 'show', false)).toBeNull();

    const measured = await estimatePicture(context, episode, 'show', true);
    expect(measured).toMatchObject({ fileHeight: 1080, drawnHeight: 720, source: 'file' });
    expect(measured?.frames).toBeGreaterThanOrEqual(3);

    // The next episode starts from its series' estimate before its own is made.
    expect(await estimatePicture(context, await open(second), 'show', false)).toMatchObject({ drawnHeight: 720, source: 'series' });

    // Kept on disk: a later start knows the file without measuring it.
    const later = { ...context, estimates: new PictureEstimates(store) };
    await later.estimates.load();
    expect(await estimatePicture(later, episode, null, false)).toMatchObject({ drawnHeight: 720, source: 'file' });

    // A file that changed since (here: grew) is not the file that was measured.
    await appendFile(first, Buffer.alloc(16));
    expect(await estimatePicture(later, await open(first), null, false)).toBeNull();
  }, 120_000);

  it('leaves SD files, files above 4K and files without video to the rules', async () => {
    const context = { estimates: new PictureEstimates(null), ffmpeg: locateFfmpeg, processes: toolProcesses };
    const episode = await open(first);
    const video = episode.probe.video;
    if (!video) throw new Error('the clip has video');
    expect(await estimatePicture(context, { ...episode, probe: { ...episode.probe, video: { ...video, height: 480 } } }, null, true)).toBeNull();
    expect(await estimatePicture(context, { ...episode, probe: { ...episode.probe, video: null } }, null, true)).toBeNull();
    // A hostile file claiming 16384 lines would otherwise have six frames of 268 MB read into memory.
    expect(await estimatePicture(context, { ...episode, probe: { ...episode.probe, video: { ...video, width: 16384, height: 16384 } } }, null, true)).toBeNull();
  });
});
