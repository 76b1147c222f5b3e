import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../../../electron/node/media/ffmpegLocator';

async function fakeTools(folder: string, names = ['ffmpeg', 'ffprobe']) {
  await mkdir(folder, { recursive: true });
  for (const name of names) {
    const file = path.join(folder, name);
    await writeFile(file, '#!/bin/sh\n');
    await chmod(file, 0o755);
  }
  return folder;
}

describe('locateFfmpeg', () => {
  let root = '';
  let system = '';
  let bundled = '';
  let chosen = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kirei-locate-'));
    system = await fakeTools(path.join(root, 'usr-bin'));
    bundled = await fakeTools(path.join(root, 'resources', 'ffmpeg'));
    chosen = await fakeTools(path.join(root, 'chosen'));
  });

  it('prefers the setting', async () => {
    const found = await locateFfmpeg({
      configured: { ffmpeg: path.join(chosen, 'ffmpeg'), ffprobe: path.join(chosen, 'ffprobe') },
      bundledDirectory: bundled,
      searchPath: system,
      platform: 'linux',
    });
    expect(found).toEqual({ ffmpeg: path.join(chosen, 'ffmpeg'), ffprobe: path.join(chosen, 'ffprobe'), source: 'setting' });
  });

  it('on Linux takes the system copy before the bundled one', async () => {
    const found = await locateFfmpeg({ bundledDirectory: bundled, searchPath: `/nowhere:${system}`, platform: 'linux' });
    expect(found?.source).toBe('system');
  });

  it('elsewhere takes the bundled copy first', async () => {
    const found = await locateFfmpeg({ bundledDirectory: bundled, searchPath: system, platform: 'darwin' });
    expect(found?.source).toBe('bundled');
  });

  it('ignores a broken setting and a folder with only one of the two tools', async () => {
    const half = await fakeTools(path.join(root, 'half'), ['ffmpeg']);
    const found = await locateFfmpeg({
      configured: { ffmpeg: '/missing/ffmpeg', ffprobe: '/missing/ffprobe' },
      searchPath: `${half}:${system}`,
      platform: 'linux',
    });
    expect(found).toMatchObject({ source: 'system', ffmpeg: path.join(system, 'ffmpeg') });
  });

  it('returns null when there is none', async () => {
    expect(await locateFfmpeg({ searchPath: '/nowhere', platform: 'linux' })).toBeNull();
  });
});
