import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../../electron/node/media/ffmpegLocator';
import { Conversions } from '../../../../electron/node/media/conversion';
import { MediaRegistry } from '../../../../electron/node/media/registry';
import { createLibrary } from '../../../../electron/node/library/createLibrary';
import { createServices } from '../../../../electron/node/services';
import { RecentFiles } from '../../../../electron/node/store/recentFiles';
import { SettingsStore } from '../../../../electron/node/store/settingsStore';
import { makeFrameCodeClip } from '../../../fixtures/media';

// A valid 1×1 PNG.
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

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
    const settings = new SettingsStore(path.join(folder, `settings-${Math.random()}.json`));
    await settings.load();
    const parts = await createLibrary({
      dataFolder: await mkdtemp(path.join(folder, 'library-')),
      registry,
      tools: () => Promise.resolve(null),
      mediaUrl: (id) => `kirei-media://media/${id}`,
      onChange: () => undefined,
      checks: false,
    });
    const conversions = new Conversions(async () => (options.ffmpegMissing ? null : ((await locateFfmpeg())?.ffmpeg ?? null)));
    const services = createServices({
      registry,
      conversions,
      library: parts.library,
      flushLibrary: () => parts.store.flush(),
      pickFolder: () => Promise.resolve(null),
      recent,
      settings,
      ffmpeg: () => (options.ffmpegMissing ? Promise.resolve(null) : locateFfmpeg()),
      pickFile: () => Promise.resolve(options.dialog ?? null),
      mediaUrl: (id) => `kirei-media://media/${id}`,
      version: '1.2.3',
      defaultScreenshotFolder: path.join(folder, 'Screenshots'),
      captureWindow: () => Promise.resolve(tinyPng),
    });
    return { services, registry, recent, conversions };
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
  it('saves screenshots of an open file into the screenshots folder, named after it and the time', async () => {
    const { services } = await setUp();
    const media = await services.media.openPath({ path: clip });
    const first = await services.screenshots.save({ mediaId: media.id, mediaTime: 754.5, variant: 'subtitles', png: tinyPng.toString('base64') });
    expect(first.path).toBe(path.join(folder, 'Screenshots', 'frame-code - 00-12-34.500.png'));
    expect(await readFile(first.path)).toEqual(tinyPng);
    // The same moment again does not replace the first shot.
    const second = await services.screenshots.save({ mediaId: media.id, mediaTime: 754.5, variant: 'subtitles', png: tinyPng.toString('base64') });
    expect(second.path).toBe(path.join(folder, 'Screenshots', 'frame-code - 00-12-34.500 (2).png'));
    const window = await services.screenshots.saveWindow({ mediaId: media.id, mediaTime: 1 });
    expect(path.basename(window.path)).toBe('frame-code - 00-00-01.000 (window).png');
    await expect(services.screenshots.save({ mediaId: media.id, mediaTime: 1, variant: 'video', png: Buffer.from('not a png at all').toString('base64') })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await services.media.close({ id: media.id });
    await expect(services.screenshots.saveWindow({ mediaId: media.id, mediaTime: 1 })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('settings service', () => {
  it('starts from the defaults, validates updates and keeps them across restarts', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-settings-'));
    const file = path.join(folder, 'settings.json');
    const store = new SettingsStore(file);
    await store.load();
    expect(store.get().upscaling.rules.map((rule) => rule.maximumHeight)).toEqual([480, 720, 1080]);
    const updated = await store.update({ compare: { enabled: true, position: 0.25 } });
    expect(updated.compare).toEqual({ enabled: true, position: 0.25 });
    await expect(store.update({ compare: { enabled: true, position: 7 } })).rejects.toThrow();
    expect(store.get().compare.position).toBe(0.25);
    const reopened = new SettingsStore(file);
    await reopened.load();
    expect(reopened.get().compare).toEqual({ enabled: true, position: 0.25 });
  });

});
