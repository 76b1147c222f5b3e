import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../electron/node/ipc/dispatcher';
import { locateFfmpeg } from '../../../../electron/node/media/ffmpegLocator';
import { Conversions } from '../../../../electron/node/media/conversion';
import { MediaRegistry } from '../../../../electron/node/media/registry';
import { OpenFiles } from '../../../../electron/node/media/openFiles';
import { createLibrary } from '../../../../electron/node/library/createLibrary';
import { defaultSettings, maximumSeriesEntries } from '../../../../electron/common/settings';
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

  async function setUp(options: { ffmpegMissing?: boolean; dialog?: string | null; folderAnswer?: string; programAnswer?: string } = {}) {
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
    const files = new OpenFiles(registry);
    const conversions = new Conversions(async () => (options.ffmpegMissing ? null : ((await locateFfmpeg())?.ffmpeg ?? null)), (id) => files.find(id));
    const services = createServices({
      files,
      conversions,
      library: parts.library,
      flushLibrary: () => parts.store.flush(),
      pickFolder: () => Promise.resolve(options.folderAnswer ?? null),
      recent,
      settings,
      ffmpeg: () => (options.ffmpegMissing ? Promise.resolve(null) : locateFfmpeg()),
      pickProgram: () => Promise.resolve(options.programAnswer ?? null),
      pickFile: () => Promise.resolve(options.dialog ?? null),
      mediaUrl: (id) => `kirei-media://media/${id}`,
      version: '1.2.3',
      defaultScreenshotFolder: path.join(folder, 'Screenshots'),
      captureWindow: () => Promise.resolve(tinyPng),
    });
    return { services, registry, files, recent, conversions, settings };
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

  it('opens and serves only what probes as audio or video: not an .nfo, not an .svg', async () => {
    const { services, registry } = await setUp();
    const files: [string, string][] = [['Show - 01.nfo', '<episodedetails/>'], ['poster.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>']];
    for (const [name, text] of files) {
      const file = path.join(folder, name);
      await writeFile(file, text);
      await expect(services.media.openPath({ path: file })).rejects.toMatchObject({ code: 'not-media', file: name });
    }
    const media = await services.media.openPath({ path: clip });
    expect(registry.served(media.id)?.contentType).toBe('video/x-matroska');
  });
  it('saves screenshots of an open file into the screenshots folder, named after it and the time', async () => {
    const { services } = await setUp();
    const media = await services.media.openPath({ path: clip });
    const first = await services.screenshots.save({ mediaId: media.id, mediaTime: 754.5, variant: 'subtitles', width: 1, height: 1, png: tinyPng });
    expect(first.path).toBe(path.join(folder, 'Screenshots', 'frame-code - 00-12-34.500.png'));
    expect(await readFile(first.path)).toEqual(tinyPng);
    // The same moment again does not replace the first shot.
    const second = await services.screenshots.save({ mediaId: media.id, mediaTime: 754.5, variant: 'subtitles', width: 1, height: 1, png: tinyPng });
    expect(second.path).toBe(path.join(folder, 'Screenshots', 'frame-code - 00-12-34.500 (2).png'));
    const window = await services.screenshots.saveWindow({ mediaId: media.id, mediaTime: 1 });
    expect(path.basename(window.path)).toBe('frame-code - 00-00-01.000 (window).png');
    await expect(services.screenshots.save({ mediaId: media.id, mediaTime: 1, variant: 'video', width: 1, height: 1, png: Buffer.from('not a png at all') })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    // A real PNG of another size than the page announced, and one cut short, are refused too.
    await expect(services.screenshots.save({ mediaId: media.id, mediaTime: 1, variant: 'video', width: 2, height: 1, png: tinyPng })).rejects.toMatchObject({ detail: '1×1, not the announced 2×1' });
    await expect(services.screenshots.save({ mediaId: media.id, mediaTime: 1, variant: 'video', width: 1, height: 1, png: tinyPng.subarray(0, 40) })).rejects.toMatchObject({ code: 'invalid-request' });
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
    const updated = await store.update({ compare: { enabled: true, position: 0.25, left: null } });
    expect(updated.compare).toEqual({ enabled: true, position: 0.25, left: null });
    await expect(store.update({ compare: { enabled: true, position: 7, left: null } })).rejects.toThrow();
    expect(store.get().compare.position).toBe(0.25);
    const reopened = new SettingsStore(file);
    await reopened.load();
    expect(reopened.get().compare).toEqual({ enabled: true, position: 0.25, left: null });
  });

  it('keeps the newest 5000 per-series entries of a file or a request that has 100 000', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-settings-'));
    const file = path.join(folder, 'settings.json');
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`series-${index}`, 'ja']));
    await writeFile(file, JSON.stringify({ version: 1, data: { ...defaultSettings(), audio: { languageBySeries: many } } }));
    const store = new SettingsStore(file);
    expect(await store.load()).toBeNull();
    const kept = Object.keys(store.get().audio.languageBySeries);
    expect(kept).toHaveLength(maximumSeriesEntries);
    expect(kept.at(-1)).toBe('series-99999');
    const overrides = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`series-${index}`, { kind: 'off' as const }]));
    const updated = await store.update({ upscaling: { ...store.get().upscaling, seriesOverrides: overrides } });
    expect(Object.keys(updated.upscaling.seriesOverrides)).toHaveLength(maximumSeriesEntries);
  });

});

describe('paths the page cannot choose', () => {
  it('takes the screenshot folder and ffmpeg only from the system dialogs, checked, and never from a settings update', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-paths-'));
    const settings = new SettingsStore(path.join(folder, 'settings.json'));
    await settings.load();
    const fakeProgram = path.join(folder, 'ffmpeg');
    await writeFile(fakeProgram, '#!/bin/sh\necho "ffmpeg version 1"\n', { mode: 0o755 });
    const answers = { folder: path.join(folder, 'shots'), program: fakeProgram };
    await mkdir(answers.folder);
    const services = createServices({
      files: new OpenFiles(new MediaRegistry()),
      conversions: new Conversions(() => Promise.resolve(null), () => undefined),
      library: (await createLibrary({ dataFolder: folder, registry: new MediaRegistry(), tools: () => Promise.resolve(null), mediaUrl: (id) => id, onChange: () => undefined, checks: false })).library,
      flushLibrary: () => Promise.resolve(),
      pickFolder: () => Promise.resolve(answers.folder),
      pickProgram: () => Promise.resolve(answers.program),
      recent: new RecentFiles(path.join(folder, 'recent.json')),
      settings,
      ffmpeg: () => Promise.resolve(null),
      pickFile: () => Promise.resolve(null),
      mediaUrl: (id) => id,
      version: '1',
      defaultScreenshotFolder: folder,
      captureWindow: () => Promise.resolve(tinyPng),
    });
    const dispatch = createDispatcher(services, { appOrigin: 'kirei-app://bundle' });
    const sender = { frameUrl: 'kirei-app://bundle/index.html', isOurMainFrame: true };
    for (const payload of [{ ffmpeg: { ffmpeg: '/tmp/evil', ffprobe: '/tmp/evil' } }, { screenshotFolder: '/etc' }]) {
      expect(await dispatch({ method: 'settings.update', payload }, sender)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(settings.get().screenshotFolder).toBeNull();

    expect((await services.settings.chooseScreenshotFolder()).screenshotFolder).toBe(answers.folder);
    // A script that prints the right words but has no ffprobe beside it is not kept.
    await expect(services.settings.chooseFfmpeg()).rejects.toMatchObject({ message: expect.stringContaining('ffprobe was not found') as unknown });
    answers.program = path.join(folder, 'shots');
    await expect(services.settings.chooseFfmpeg()).rejects.toMatchObject({ code: 'invalid-request' });
    const real = await locateFfmpeg();
    if (real) {
      answers.program = real.ffmpeg;
      expect((await services.settings.chooseFfmpeg()).ffmpeg).toEqual({ ffmpeg: real.ffmpeg, ffprobe: real.ffprobe });
    }
    expect((await services.settings.resetPath({ which: 'ffmpeg' })).ffmpeg).toEqual({ ffmpeg: null, ffprobe: null });
    expect((await services.settings.resetPath({ which: 'screenshotFolder' })).screenshotFolder).toBeNull();
  });
});
