import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { build } from 'esbuild';
import type { EventName } from '../../../electron/common/channels';
import type { EventPayload } from '../../../electron/common/contract';
import { createDispatcher } from '../../../electron/node/ipc/dispatcher';
import { locateFfmpeg } from '../../../electron/node/media/ffmpegLocator';
import { Conversions } from '../../../electron/node/media/conversion';
import { MediaRegistry } from '../../../electron/node/media/registry';
import { OpenFiles } from '../../../electron/node/media/openFiles';
import { createLibrary } from '../../../electron/node/library/createLibrary';
import type { Library } from '../../../electron/node/library/library';
import { createServices } from '../../../electron/node/services';
import { toWire } from './wire';
import { RecentFiles } from '../../../electron/node/store/recentFiles';
import { SettingsStore } from '../../../electron/node/store/settingsStore';
import type { SettingsPatch } from '../../../electron/common/settings';
import { startAppServer } from './appServer';

export const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
export const corpus = path.resolve(repositoryRoot, '../shared/corpus');
export const mediaCache = path.join(repositoryRoot, 'test-results', 'media');

let bridgeScript: Promise<string> | null = null;
function pageBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [path.join(import.meta.dirname, 'pageBridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

export interface KireiHarness {
  page: Page;
  origin: string;
  /** The next file the "Open a video…" dialog will return (null: the viewer cancels). */
  queueDialogAnswer(filePath: string | null): void;
  /** The next folder the "Add a folder" dialog will return. */
  queueFolderAnswer(folderPath: string | null): void;
  library: Library;
  /** Sends a main-to-renderer event, as the app does for command-line files. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  services: ReturnType<typeof createServices>;
  /** The ffmpeg processes converting open files, as the app's main process holds them. */
  conversions: Conversions;
  open(filePath: string): Promise<void>;
  /** Where the app looks for mpv shaders (mpv's own folder, as far as the app knows); empty and absent at first. */
  shaderFolder: string;
}

/** A page running the built renderer with the real main-process services behind `window.kirei`. */
export const test = base.extend<{ kirei: KireiHarness; initialSettings: SettingsPatch }>({
  initialSettings: [{}, { option: true }],
  kirei: async ({ page, initialSettings }, use) => {
    const userData = await mkdtemp(path.join(os.tmpdir(), 'kirei-e2e-'));
    const registry = new MediaRegistry();
    const recent = new RecentFiles(path.join(userData, 'recent.json'));
    await recent.load();
    const settings = new SettingsStore(path.join(userData, 'settings.json'));
    await settings.load();
    // Browser tests run on SwiftShader: upscaling is off unless a test turns it on, and the tier is
    // fixed so that no test but the one about it waits for the GPU measurement; the picture is
    // measured only where a test asks (it costs a few seconds of CPU per file).
    await settings.update({ ...initialSettings, upscaling: { ...settings.get().upscaling, rules: [], tier: 'hq', fromPicture: false, ...initialSettings.upscaling } });
    const dialogAnswers: (string | null)[] = [];
    const files = new OpenFiles(registry);
    const conversions = new Conversions(async () => (await locateFfmpeg())?.ffmpeg ?? null, (id) => files.find(id));
    const server = await startAppServer(path.join(repositoryRoot, 'dist', 'renderer'), registry, conversions);
    // Events before the page has loaded (or after it closed) have no one to tell.
    const emitToPage = (event: string, payload: unknown) =>
      page
        .evaluate(([name, data]) => (window as unknown as { kireiTestEmit?(e: string, p: unknown): void }).kireiTestEmit?.(name, data), [event, payload] as const)
        .catch(() => undefined);
    const libraryParts = await createLibrary({
      dataFolder: userData,
      registry,
      tools: () => locateFfmpeg(),
      mediaUrl: (id) => `/media/${id}`,
      onChange: () => void emitToPage('libraryChanged', null),
    });
    const folderAnswers: (string | null)[] = [];
    const services = createServices({
      files,
      conversions,
      library: libraryParts.library,
      flushLibrary: () => libraryParts.store.flush(),
      pickFolder: () => Promise.resolve(folderAnswers.shift() ?? null),
      recent,
      settings,
      ffmpeg: () => locateFfmpeg(),
      pickProgram: () => Promise.resolve(null),
      pickFile: () => Promise.resolve(dialogAnswers.shift() ?? null),
      mediaUrl: (id) => `/media/${id}`,
      defaultScreenshotFolder: path.join(userData, 'Screenshots'),
      shaderFolders: [path.join(userData, 'mpv', 'shaders')],
      captureWindow: async (area) => new Uint8Array(await page.screenshot(area ? { clip: area } : {})),
      version: 'test',
    });
    const dispatch = createDispatcher(services, { appOrigin: server.origin });
    await page.exposeBinding('kireiTestCall', async (source, method: string, payload: unknown) =>
      toWire(await dispatch({ method, payload }, { frameUrl: source.frame.url(), isOurMainFrame: source.frame === page.mainFrame() })),
    );
    await page.addInitScript({ content: await pageBridgeScript() });
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error(`[page ${message.type()}] ${message.text()}`);
    });
    await page.goto(`${server.origin}/index.html`);

    const harness: KireiHarness = {
      page,
      origin: server.origin,
      shaderFolder: path.join(userData, 'mpv', 'shaders'),
      services,
      conversions,
      queueDialogAnswer: (filePath) => dialogAnswers.push(filePath),
      queueFolderAnswer: (folderPath) => folderAnswers.push(folderPath),
      library: libraryParts.library,
      emit: async (event, payload) => {
        await page.evaluate(
          ([name, data]) => (window as unknown as { kireiTestEmit(e: string, p: unknown): void }).kireiTestEmit(name, data),
          [event, payload] as const,
        );
      },
      open: async (filePath) => {
        dialogAnswers.push(filePath);
        await page.getByRole('button', { name: 'Open a video…' }).click();
      },
    };
    await use(harness);
    libraryParts.library.dispose();
    // Progress saved as the page closed may still be on its way to disk.
    await libraryParts.store.close();
    conversions.stopAll();
    await server.close();
    await rm(userData, { recursive: true, force: true, maxRetries: 3 });
  },
});

export { expect };

/** Every on-screen message since the page loaded, oldest first. */
export function shownMessages(page: Page): Promise<string[]> {
  return page.evaluate(() => window.kireiInspector?.messages() ?? []);
}

/**
 * An on-screen message was shown. Read from the log, not the screen: a message can come and go
 * while SwiftShader's compiles stall the page longer than it stays.
 */
export async function expectMessage(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const matcher = typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text);
  await expect.poll(() => shownMessages(page), { timeout }).toContainEqual(matcher);
}

/** A notice (toast) was shown; read from the log, as messages are: it may have timed out already. */
export async function expectNotice(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const matcher = typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text);
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.notices() ?? []), { timeout }).toContainEqual(matcher);
}
