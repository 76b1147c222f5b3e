import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import { videoExtensions } from '../common/media';
import { KireiError, toErrorShape } from '../common/errors';
import { mediaScheme } from '../common/csp';
import { toolProcesses } from '../node/childProcesses';
import { locateFfmpeg } from '../node/media/ffmpegLocator';
import { Notices } from '../node/notices';
import { Conversions } from '../node/media/conversion';
import { MediaRegistry } from '../node/media/registry';
import { OpenFiles } from '../node/media/openFiles';
import { createLibrary } from '../node/library/createLibrary';
import { createServices } from '../node/services';
import { mpvShaderFolders } from '../node/shaders/shaderFolder';
import { filesFromArguments, userArguments } from '../node/shell/commandLine';
import { RecentFiles } from '../node/store/recentFiles';
import { PictureEstimates } from '../node/picture/pictureEstimates';
import { SettingsStore } from '../node/store/settingsStore';
import { registerIpc, sendEvent } from './ipc';
import { buildMenu } from './menu';
import { handleAppProtocol, handleMediaProtocol, registerSchemes } from './protocols';
import { createMainWindow, guardWebContents, lockDownSessions } from './window';

registerSchemes();

// Chromium ships WebGPU on Linux behind these switches (Dawn on Vulkan). Without a Vulkan driver
// no adapter appears and the player uses WebGL2; the readout names the backend either way.
if (process.platform === 'linux') {
  app.commandLine.appendSwitch('enable-unsafe-webgpu');
  app.commandLine.appendSwitch('enable-features', 'Vulkan');
}

const startupFiles = filesFromArguments(userArguments(process.argv, process.defaultApp), process.cwd());
if (!app.requestSingleInstanceLock({ files: startupFiles })) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  const registry = new MediaRegistry();
  const recent = new RecentFiles(path.join(app.getPath('userData'), 'recent.json'));
  const pictureEstimates = new PictureEstimates(path.join(app.getPath('userData'), 'pictures.json'));
  const settings = new SettingsStore(path.join(app.getPath('userData'), 'settings.json'));
  const ffmpeg = () =>
    locateFfmpeg({
      configured: settings.get().ffmpeg,
      bundledDirectory: app.isPackaged ? path.join(process.resourcesPath, 'ffmpeg') : null,
    });

  const files = new OpenFiles(registry);
  const conversions = new Conversions(async () => (await ffmpeg())?.ffmpeg ?? null, (id) => files.find(id));
  // No ffmpeg outlives the app, however it ends (on Linux not even a killed one: see childProcesses.ts).
  const stopTools = () => {
    conversions.stopAll();
    toolProcesses.stopAll();
  };
  app.on('will-quit', stopTools);
  process.on('exit', stopTools);
  const notices = new Notices();

  const libraryParts = await createLibrary({
    dataFolder: app.getPath('userData'),
    registry,
    tools: ffmpeg,
    mediaUrl: (id) => `${mediaScheme}://media/${id}`,
    onChange: () => sendEvent(window, 'libraryChanged', null),
  });
  const { library } = libraryParts;

  const services = createServices({
    files,
    conversions,
    library,
    flushLibrary: () => libraryParts.store.flush(),
    pickFolder: async (purpose) => {
      const options: Electron.OpenDialogOptions = {
        title: { library: 'Add a folder to the library', screenshots: 'Choose the folder for screenshots', shaders: 'Choose your mpv shaders folder' }[purpose],
        properties: purpose === 'screenshots' ? ['openDirectory', 'createDirectory'] : ['openDirectory'],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    pickProgram: async () => {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose the ffmpeg program (ffprobe must be beside it)',
        properties: ['openFile'],
        ...(process.platform === 'win32' ? { filters: [{ name: 'Programs', extensions: ['exe'] }] } : {}),
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    notices,
    recent,
    pictureEstimates,
    settings,
    ffmpeg,
    version: app.getVersion(),
    mediaUrl: (id) => `${mediaScheme}://media/${id}`,
    defaultScreenshotFolder: path.join(app.getPath('pictures'), 'Kirei'),
    shaderFolders: mpvShaderFolders({ platform: process.platform, env: process.env, home: app.getPath('home'), executableFolder: path.dirname(app.getPath('exe')) }),
    captureWindow: async (area) => {
      if (!window) throw new KireiError('not-found', 'There is no window to capture.');
      return (await (area ? window.webContents.capturePage(area) : window.webContents.capturePage())).toPNG();
    },
    pickFile: async (purpose = 'video') => {
      const options: Electron.OpenDialogOptions =
        purpose === 'video'
          ? {
              title: 'Open a video',
              properties: ['openFile'],
              filters: [
                { name: 'Videos', extensions: [...videoExtensions] },
                { name: 'All files', extensions: ['*'] },
              ],
            }
          : {
              title: 'Import shader keys from mpv (input.conf or mpv.conf)',
              properties: ['openFile', 'showHiddenFiles'],
              filters: [
                { name: 'mpv configuration', extensions: ['conf'] },
                { name: 'All files', extensions: ['*'] },
              ],
            };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });

  const refreshMenu = () =>
    buildMenu(recent.list(), {
      openFile: () => void deliver(services.media.openDialog()),
      openRecent: (key) => void deliver(services.media.openRecent({ key })),
      clearRecent: () => void services.media.clearRecent().then(refreshMenu),
      toggleFullscreen: () => window?.setFullScreen(!window.isFullScreen()),
    });

  /** Opens on behalf of the menu or the command line and tells the renderer either way. */
  async function deliver(opening: Promise<Awaited<ReturnType<typeof services.media.openPath>> | null>) {
    try {
      const media = await opening;
      if (media) sendEvent(window, 'mediaOpened', { ok: true, media });
    } catch (error) {
      sendEvent(window, 'mediaOpened', { ok: false, error: toErrorShape(error) });
    }
    refreshMenu();
  }

  function openFiles(files: string[]) {
    const first = files[0];
    if (first) void deliver(services.media.openPath({ path: first }));
  }

  app.on('second-instance', (_event, _argv, workingDirectory, additionalData) => {
    const files = (additionalData as { files?: unknown } | undefined)?.files;
    const paths = Array.isArray(files) ? files.filter((file): file is string => typeof file === 'string') : [];
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    openFiles(paths.length ? paths : filesFromArguments(_argv.slice(1), workingDirectory));
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    // Progress saved in the last second is still pending: write it before leaving.
    event.preventDefault();
    flushed = true;
    library.dispose();
    void libraryParts.store.flush().finally(() => app.quit());
  });

  await app.whenReady();
  for (const problem of [await recent.load(), await settings.load(), await pictureEstimates.load()]) {
    if (problem) notices.add(problem);
  }
  lockDownSessions();
  handleAppProtocol(path.join(__dirname, '..', 'renderer'));
  handleMediaProtocol(registry, conversions);
  registerIpc(services, () => window);
  refreshMenu();
  void library.start();

  window = createMainWindow(path.join(__dirname, 'preload.cjs'));
  window.on('closed', () => {
    window = null;
  });
  // A renderer that crashes is loaded again, with progress written first and a word for the viewer;
  // one that keeps crashing is left alone so that the window does not spin.
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || !window) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && (crashes[0] ?? now) < now - 60_000) crashes.shift();
    stopTools();
    const target = window;
    void libraryParts.store.flush().catch(() => undefined).finally(() => {
      if (target.isDestroyed()) return;
      if (crashes.length > 3) {
        dialog.showErrorBox('Kirei', `The player stopped unexpectedly four times in a minute (${details.reason}). Your progress is saved. Please restart Kirei.`);
        return;
      }
      notices.add(`The player stopped unexpectedly (${details.reason}) and was started again. Your place in the episode was saved a few seconds before.`);
      target.webContents.reload();
    });
  });
  window.webContents.once('did-finish-load', () => openFiles(startupFiles));
}
