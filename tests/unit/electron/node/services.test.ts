import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../../electron/node/media/ffmpegLocator';
import { MediaRegistry } from '../../../../electron/node/media/registry';
import { createServices } from '../../../../electron/node/services';
import { RecentFiles } from '../../../../electron/node/store/recentFiles';
import { makeFrameCodeClip } from '../../../fixtures/media';

describe('main-process services', () => {
  let folder = '';
  let clip = '';
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-services-'));
    clip = (await makeFrameCodeClip(folder, { seconds: 2 })).path;
  });

  async function setUp(options: { ffmpegMissing?: boolean; dialog?: string | null } = {}) {
    const registry = new MediaRegistry();
    const recent = new RecentFiles(path.join(folder, `recent-${Math.random()}.json`));
    await recent.load();
    const services = createServices({
      registry,
      recent,
      ffmpeg: () => (options.ffmpegMissing ? Promise.resolve(null) : locateFfmpeg()),
      pickFile: () => Promise.resolve(options.dialog ?? null),
      mediaUrl: (id) => `kirei-media://media/${id}`,
      version: '1.2.3',
    });
    return { services, registry, recent };
  }

  it('opens a file: probes it, registers an opaque id, remembers it as recent', async () => {
    const { services, registry } = await setUp();
    const media = await services.media.openPath({ path: clip });
    expect(media.id).toMatch(/^[0-9a-f]{32}$/);
    expect(media.url).toBe(`kirei-media://media/${media.id}`);
    expect(media.name).toBe('frame-code.mkv');
    expect(JSON.stringify(media)).not.toContain(folder);
    expect(registry.resolve(media.id)).toBe(clip);
    const [entry] = await services.media.listRecent();
    expect(entry?.name).toBe('frame-code.mkv');
    const again = await services.media.openRecent({ key: entry?.key ?? '' });
    expect(again.id).toBe(media.id);
  });

  it('does not register a file that fails to probe', async () => {
    const { services } = await setUp();
    await expect(services.media.openPath({ path: path.join(folder, 'nothing.mkv') })).rejects.toMatchObject({ code: 'not-found' });
    expect(await services.media.listRecent()).toEqual([]);
  });

  it('forgets the id on close', async () => {
    const { services, registry } = await setUp();
    const media = await services.media.openPath({ path: clip });
    await services.media.close({ id: media.id });
    expect(registry.resolve(media.id)).toBeUndefined();
  });

  it('opens what the dialog returns, and nothing when it is cancelled', async () => {
    expect(await (await setUp({ dialog: null })).services.media.openDialog()).toBeNull();
    expect((await (await setUp({ dialog: clip })).services.media.openDialog())?.name).toBe('frame-code.mkv');
  });

  it('explains a missing ffmpeg', async () => {
    const { services } = await setUp({ ffmpegMissing: true });
    await expect(services.media.openPath({ path: clip })).rejects.toMatchObject({
      code: 'ffmpeg-missing',
      message: expect.stringContaining('settings') as unknown,
    });
  });

  it('refuses an unknown recent key', async () => {
    const { services } = await setUp();
    await expect(services.media.openRecent({ key: 'abc' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
