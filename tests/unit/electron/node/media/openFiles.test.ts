import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaProbe } from '../../../../../electron/common/media';
import type { OpenFile } from '../../../../../electron/node/media/openFiles';
import { OpenFiles } from '../../../../../electron/node/media/openFiles';
import { MediaRegistry } from '../../../../../electron/node/media/registry';

const probe = (codec: string): MediaProbe => ({
  container: 'matroska,webm',
  durationSeconds: 10,
  sizeBytes: 4,
  bitRate: null,
  video: { index: 0, codec, profile: null, bitDepth: 8, pixelFormat: 'yuv420p', width: 640, height: 360, frameRate: 24 },
  audio: [],
  subtitles: [],
  attachments: [],
  chapters: [{ startSeconds: 0, endSeconds: 10, title: 'Episode' }],
  warnings: [],
});

describe('the open files', () => {
  it('keeps one record per id and lets go of all of it in one close', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-open-'));
    const file = path.join(folder, 'episode.mkv');
    await writeFile(file, 'mkv!');
    const registry = new MediaRegistry();
    const files = new OpenFiles(registry);
    const closed: OpenFile[] = [];
    files.onClose((record) => closed.push(record));

    const opened = await files.open(file, probe('hevc'));
    expect(files.get(opened.id)).toBe(opened);
    expect(opened).toMatchObject({ path: file, conversion: { video: 'transcode' } });
    expect(registry.served(opened.id)).toMatchObject({ path: file, contentType: 'video/x-matroska' });
    // The same file opened again is the same id, its record replaced.
    const again = await files.open(file, probe('h264'));
    expect(again.id).toBe(opened.id);
    expect(files.get(opened.id).conversion).toBeNull();

    files.close(opened.id);
    expect(closed).toEqual([again]);
    expect(files.find(opened.id)).toBeUndefined();
    expect(registry.served(opened.id)).toBeUndefined();
    expect(() => files.get(opened.id)).toThrow('That video is no longer open.');
    // Closing twice (the page and a crash both asking) lets go once.
    files.close(opened.id);
    expect(closed).toHaveLength(1);
  });
});
