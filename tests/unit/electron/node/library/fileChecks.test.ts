import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScannedFile } from '../../../../../electron/node/library/scanner';
import { ThumbnailQueue } from '../../../../../electron/node/library/thumbnails';
import { makeFrameCodeClip } from '../../../../fixtures/media';

describe('ThumbnailQueue', () => {
  it('makes one small JPEG per episode in the background, caches it, and skips files ffmpeg cannot read', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-thumbnails-'));
    const clip = await makeFrameCodeClip(folder, { seconds: 2, name: 'episode.mkv' });
    const broken = path.join(folder, 'broken.mkv');
    await writeFile(broken, 'not a video');
    const file = async (filePath: string): Promise<ScannedFile> => {
      const info = await stat(filePath);
      return { path: filePath, size: info.size, modifiedMs: info.mtimeMs };
    };
    const ready: string[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const queue = new ThumbnailQueue(path.join(folder, 'cache'), () => Promise.resolve('ffmpeg'), (made) => {
      ready.push(path.basename(made.path));
      done();
    });
    const episode = await file(clip.path);
    queue.request([await file(broken), episode]);
    await finished;
    expect(ready).toEqual(['episode.mkv']);
    const jpeg = await readFile(queue.pathFor(episode));
    // JPEG start-of-image marker, and small enough for a grid of thousands.
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(jpeg.length).toBeLessThan(60_000);
    // A changed file gets a new thumbnail; an unchanged one keeps its cached one.
    expect(queue.pathFor({ ...episode, modifiedMs: episode.modifiedMs + 1 })).not.toBe(queue.pathFor(episode));
  }, 60_000);
});
