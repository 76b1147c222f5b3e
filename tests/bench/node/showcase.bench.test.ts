import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { defaultSettings } from '../../../electron/common/settings';
import { createLibrary } from '../../../electron/node/library/createLibrary';
import { Conversions } from '../../../electron/node/media/conversion';
import { locateFfmpeg } from '../../../electron/node/media/ffmpegLocator';
import { MediaRegistry } from '../../../electron/node/media/registry';
import { OpenFiles } from '../../../electron/node/media/openFiles';
import { createServices } from '../../../electron/node/services';
import { toWire } from '../../e2e/harness/wire';
import { RecentFiles } from '../../../electron/node/store/recentFiles';
import { SettingsStore } from '../../../electron/node/store/settingsStore';
import { makeEpisodeClip } from '../../fixtures/media';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(repositoryRoot, '../shared/corpus');
const output = path.join(repositoryRoot, 'dist-showcase');

/**
 * Records what the real main-process services answer for a library of the corpus' clips, and
 * writes the built player with those answers and the files they name into dist-showcase/: a
 * static page that a GPU machine without Node serves to take the README's pictures
 * (tests/bench/showcase/shoot.py; the README says how).
 */
it('writes the showcase page with recorded answers', async () => {
  // Series of the corpus' real frames and clips only, as a fan's folder would hold them.
  const root = path.join(repositoryRoot, 'test-results', 'showcase-library');
  const frame = (name: string) => path.join(corpus, 'frames', name);
  const stills: [string, string, { width?: number; height?: number; dialogue?: string; sign?: string }][] = [
    // A 360p source: what Anime4K is for, and where the compare split shows most.
    ['Higurashi no Naku Koro ni', 'anime4k_Higurashi_360p.png', { width: 640, height: 360, dialogue: 'Let’s eat before it gets cold!', sign: 'Hinamizawa, June 1983' }],
    ['Fate Zero', 'anime4k_Fate_1080p.jpg', {}],
    ['Go-toubun no Hanayome', 'anime4k_Quin_1080p.jpg', {}],
    ['Tensei shitara Slime Datta Ken', 'anime4k_Slime_1080p.jpg', {}],
    ['Nisekoi', 'anime4kmetal_original_1080p.png', {}],
    ['Nichijou', 'rife_frame0_360p.png', { width: 640, height: 360 }],
  ];
  for (const [title, image, options] of stills) {
    for (const number of ['01', '02']) {
      await makeEpisodeClip(path.join(root, title), `[Kirei] ${title} - ${number} (${options.height ?? 720}p).mkv`, { image: frame(image), ...options });
    }
  }
  const { link } = await import('node:fs/promises');
  const place = async (source: string, target: string) => {
    await mkdir(path.dirname(target), { recursive: true });
    await link(source, target).catch(() => undefined);
  };
  await place(path.join(corpus, 'video', 'realesrgan_onepiece_demo.mp4'), path.join(root, 'One Piece', '[HorribleSubs] One Piece - 1071 [480p].mp4'));
  await place(path.join(corpus, 'video', 'anime4k_web_input_popteamepic.mp4'), path.join(root, 'Pop Team Epic', '[Erai-raws] Pop Team Epic - 01 [720p].mp4'));
  const library = { root };
  const userData = await mkdtemp(path.join(os.tmpdir(), 'kirei-showcase-'));
  const registry = new MediaRegistry();
  const settings = new SettingsStore(path.join(userData, 'settings.json'));
  await settings.load();
  // HQ without a measurement: the pictures show the default rules at the recommended quality.
  await settings.update({ upscaling: { ...defaultSettings().upscaling, tier: 'hq' }, compare: { enabled: true, position: 0.5, left: null } });
  const recent = new RecentFiles(path.join(userData, 'recent.json'));
  await recent.load();
  const parts = await createLibrary({ dataFolder: userData, registry, tools: () => locateFfmpeg(), mediaUrl: (id) => `media/${id}`, onChange: () => undefined });
  const files = new OpenFiles(registry);
  const services = createServices({
    files,
    conversions: new Conversions(async () => (await locateFfmpeg())?.ffmpeg ?? null, (id) => files.find(id)),
    library: parts.library,
    flushLibrary: () => parts.store.flush(),
    pickFolder: () => Promise.resolve(library.root),
    recent,
    settings,
    ffmpeg: () => locateFfmpeg(),
    pickProgram: () => Promise.resolve(null),
    pickFile: () => Promise.resolve(null),
    mediaUrl: (id) => `media/${id}`,
    version: 'showcase',
    defaultScreenshotFolder: userData,
    captureWindow: () => Promise.reject(new Error('no window')),
  });
  await services.library.addFolderDialog();
  // Every check and thumbnail made, as a library some minutes old has them.
  const seriesCount = (await services.library.snapshot()).series.length;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const snapshot = await services.library.snapshot();
    if (snapshot.series.filter((series) => series.thumbnailUrl).length >= seriesCount - 1 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  let snapshot = await services.library.snapshot();
  const opened: Record<string, unknown> = {};
  const subtitles: Record<string, unknown> = {};
  const loaded: Record<string, unknown> = {};
  for (const title of ['Higurashi no Naku Koro ni', 'Fate Zero']) {
    const episode = snapshot.series.find((series) => series.title === title)?.episodes.find((entry) => entry.episode === 1);
    if (!episode) throw new Error(`no first episode of ${title}`);
    const media = await services.library.playEpisode({ episodeId: episode.id });
    opened[episode.id] = media;
    // Begun once: "Continue watching" has something to offer.
    await services.library.saveProgress({ mediaId: media.id, position: 5, duration: 12, final: true });
    const tracks = await services.subtitles.list({ mediaId: media.id });
    subtitles[media.id] = tracks;
    for (const track of tracks) loaded[`${media.id} ${track.id}`] = await services.subtitles.load({ mediaId: media.id, trackId: track.id });
  }
  snapshot = await services.library.snapshot();
  const answers = { settings: settings.get(), library: snapshot, opened, subtitles, loaded };

  await rm(output, { recursive: true, force: true });
  await mkdir(path.join(output, 'media'), { recursive: true });
  // The built player, with the recorded bridge loaded before it.
  const { cp, readFile } = await import('node:fs/promises');
  await cp(path.join(repositoryRoot, 'dist', 'renderer'), output, { recursive: true });
  await build({ entryPoints: [path.join(repositoryRoot, 'tests', 'bench', 'showcase', 'bridge.ts')], bundle: true, format: 'iife', target: 'chrome120', outfile: path.join(output, 'showcase-bridge.js') });
  const index = await readFile(path.join(output, 'index.html'), 'utf8');
  await writeFile(path.join(output, 'index.html'), index.replace('<script type="module"', '<script src="./showcase-bridge.js"></script>\n    <script type="module"'));
  // Fonts and PGS tracks are bytes: kept as marked base64 in the JSON, turned back into bytes by the bridge.
  const text = JSON.stringify(toWire(answers));
  for (const id of new Set([...text.matchAll(/"media\/([0-9a-f]+)"/g)].map((match) => match[1] ?? ''))) {
    const file = registry.resolve(id);
    if (file) await copyFile(file, path.join(output, 'media', id));
  }
  await writeFile(path.join(output, 'showcase.json'), text);
  parts.library.dispose();
  await parts.store.close();
  expect(Object.keys(opened)).toHaveLength(2);
  console.log(`showcase written to ${output}`);
});
