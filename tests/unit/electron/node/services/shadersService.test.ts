import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../electron/node/ipc/dispatcher';
import { createLibrary } from '../../../../../electron/node/library/createLibrary';
import { Conversions } from '../../../../../electron/node/media/conversion';
import { MediaRegistry } from '../../../../../electron/node/media/registry';
import { OpenFiles } from '../../../../../electron/node/media/openFiles';
import { createServices } from '../../../../../electron/node/services';
import { RecentFiles } from '../../../../../electron/node/store/recentFiles';
import { SettingsStore } from '../../../../../electron/node/store/settingsStore';

async function setUp(folder: string, shaders: string, dialogAnswer: string) {
  const settings = new SettingsStore(path.join(folder, 'settings.json'));
  await settings.load();
  const services = createServices({
    files: new OpenFiles(new MediaRegistry()),
    conversions: new Conversions(() => Promise.resolve(null), () => undefined),
    library: (await createLibrary({ dataFolder: folder, registry: new MediaRegistry(), tools: () => Promise.resolve(null), mediaUrl: (id) => id, onChange: () => undefined, checks: false })).library,
    flushLibrary: () => Promise.resolve(),
    pickFolder: () => Promise.resolve(null),
    pickProgram: () => Promise.resolve(null),
    recent: new RecentFiles(path.join(folder, 'recent.json')),
    settings,
    ffmpeg: () => Promise.resolve(null),
    pickFile: (purpose) => Promise.resolve(purpose === 'mpv-config' ? dialogAnswer : null),
    mediaUrl: (id) => id,
    version: '1',
    defaultScreenshotFolder: folder,
    captureWindow: () => Promise.resolve(new Uint8Array()),
    shaderFolders: [shaders],
  });
  return { services, settings };
}

describe('the shaders service', () => {
  it('imports mpv’s shader keys as chains of the folder’s files, with their keys, and the page cannot name the folder', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-shader-service-'));
    const shaders = path.join(folder, 'mpv-shaders');
    await mkdir(path.join(shaders, 'anime4k'), { recursive: true });
    await writeFile(path.join(shaders, 'anime4k', 'Anime4K_Upscale_CNN_x2_S.glsl'), '//!HOOK MAIN\n');
    await writeFile(path.join(shaders, 'adaptive-sharpen.glsl'), '//!HOOK MAIN\n');
    await writeFile(path.join(folder, 'settings.json.glsl'), 'outside');
    const config = path.join(folder, 'input.conf');
    await writeFile(
      config,
      [
        'CTRL+1 no-osd change-list glsl-shaders set "~~/shaders/Anime4K_Upscale_CNN_x2_S.glsl:~~/shaders/adaptive-sharpen.glsl:~~/shaders/Missing.glsl"; show-text "Mode S"',
        'CTRL+0 no-osd change-list glsl-shaders clr ""',
      ].join('\n'),
    );
    const { services, settings } = await setUp(folder, shaders, config);
    await settings.update({ inputConf: 'x cycle compare\nCtrl+1 anime4k-mode B' });
    const result = await services.shaders.importMpvConfig();
    expect(result?.chains).toEqual(['Mode S']);
    expect(result?.settings.shaders.chains).toEqual([{ name: 'Mode S', files: ['anime4k/Anime4K_Upscale_CNN_x2_S.glsl', 'adaptive-sharpen.glsl', 'Missing.glsl'] }]);
    expect(result?.skipped).toEqual(['“Mode S”: Missing.glsl is not in the shaders folder']);
    // The imported keys replace the viewer's own line for the same key; other lines stay.
    expect(result?.settings.inputConf.split('\n')).toEqual(['x cycle compare', 'Ctrl+1 shader-chain "Mode S"', 'Ctrl+0 anime4k-mode off']);
    expect((await services.shaders.list()).files.map((file) => file.name)).toEqual(['adaptive-sharpen.glsl', 'anime4k/Anime4K_Upscale_CNN_x2_S.glsl']);
    expect((await services.shaders.read({ names: ['adaptive-sharpen.glsl'] }))[0]?.text).toBe('//!HOOK MAIN\n');

    const dispatch = createDispatcher(services, { appOrigin: 'kirei-app://bundle' });
    const sender = { frameUrl: 'kirei-app://bundle/index.html', isOurMainFrame: true };
    expect((await dispatch({ method: 'settings.update', payload: { shaderFolder: folder } }, sender)).ok).toBe(false);
    expect((await dispatch({ method: 'shaders.read', payload: { names: ['../settings.json.glsl'] } }, sender)).ok).toBe(false);
    expect((await dispatch({ method: 'shaders.read', payload: { names: ['adaptive-sharpen.glsl'] } }, sender)).ok).toBe(true);
  });
});
