import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { callChannel, eventChannel, qualifiedMethodNames } from '../../../../electron/common/channels';
import type { CallResult } from '../../../../electron/common/contract';
import { appOrigin } from '../../../../electron/common/csp';
import { electronStandIn } from './electronStandIn';

const require = createRequire(import.meta.url);
const Module = require('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

/** The main process bundled as the app ships it, loaded with `electron` answered by the stand-in. */
async function startMain(options: { singleInstance: boolean }) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-main-'));
  const named = path.join(folder, 'Named on the command line.mkv');
  const bundle = path.join(folder, 'electron', 'main.cjs');
  await build({ entryPoints: ['electron/main/main.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], logLevel: 'silent' });
  const standIn = electronStandIn(path.join(folder, 'user'), options);
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    return request === 'electron' ? standIn.electron : load.call(this, request, parent, isMain);
  };
  // As the packaged app is started: its own path, then what the viewer named.
  const argv = process.argv;
  process.argv = ['/opt/Kirei/kirei', named];
  try {
    require(bundle);
  } finally {
    Module._load = load;
    process.argv = argv;
  }
  return { ...standIn, folder, named };
}

const until = async (check: () => boolean, what: string) => {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 20_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the main process bundle against a stand-in of Electron', () => {
  let main: Awaited<ReturnType<typeof startMain>>;
  beforeAll(async () => {
    main = await startMain({ singleInstance: true });
    // Before ready: only the schemes may be registered, and nothing else is set up.
    expect(main.record.ipcHandlers.size).toBe(0);
    main.markReady();
    await until(() => main.record.windows.length === 1, 'the window opens');
  }, 60_000);

  it('registers both schemes as privileged before the app is ready', () => {
    expect(main.record.schemes.map(({ scheme, beforeReady }) => ({ scheme, beforeReady }))).toEqual([
      { scheme: 'kirei-app', beforeReady: true },
      { scheme: 'kirei-media', beforeReady: true },
    ]);
    expect(main.record.schemes.every((scheme) => scheme.privileges['standard'] && scheme.privileges['secure'])).toBe(true);
    expect([...main.record.protocolHandlers.keys()].sort()).toEqual(['kirei-app', 'kirei-media']);
  });

  it('passes the files named on its command line to the lock, and opens them once the page has loaded', async () => {
    expect(main.record.lockData).toEqual({ files: [main.named] });
    const [window] = main.record.windows;
    expect(window?.webContents.sent).toEqual([]);
    window?.webContents.emit('did-finish-load');
    await until(() => (window?.webContents.sent.length ?? 0) > 0, 'the window hears about the file');
    expect(window?.webContents.sent.shift()).toMatchObject({ channel: eventChannel, payload: { event: 'mediaOpened', payload: { ok: false, error: { code: 'not-found' } } } });
  });

  it('opens one locked-down window on the app origin', () => {
    const [window] = main.record.windows;
    expect(window?.options).toMatchObject({ minWidth: 640, minHeight: 400, show: false });
    expect(window?.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: path.join(main.folder, 'electron', 'preload.cjs'),
    });
    expect(window?.loadedUrl).toBe(`${appOrigin}/index.html`);
    // Every web contents refuses new windows and navigation away from the app.
    expect(window?.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigation = { prevented: false, preventDefault() {
      this.prevented = true;
    } };
    window?.webContents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.prevented).toBe(true);
    const denied: boolean[] = [];
    main.record.permissionRequest?.({ getURL: () => `${appOrigin}/index.html` }, 'geolocation', (granted: boolean) => denied.push(granted));
    expect(denied).toEqual([false]);
  });

  it('answers every method of the contract on the one call channel, for its own window only', async () => {
    const handler = main.record.ipcHandlers.get(callChannel);
    if (!handler) throw new Error('no call channel');
    const [window] = main.record.windows;
    const ours = { sender: window?.webContents, senderFrame: window?.webContents.mainFrame };
    const call = (method: string, event: unknown = ours) => handler(event, { method, payload: undefined }) as Promise<CallResult>;
    for (const method of qualifiedMethodNames()) {
      const result = await call(method);
      // Each method is known: it runs (no request needed) or refuses the missing request, never "unknown".
      if (!result.ok) expect(result.error.code, method).toBe('invalid-request');
    }
    expect(await call('app.info')).toMatchObject({ ok: true, value: { version: '0.0.0-stand-in' } });
    expect(await call('media.format')).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const frame = { url: 'https://example.com/' };
    expect(await call('app.info', { sender: window?.webContents, senderFrame: frame })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('serves nothing it was not given from either scheme', async () => {
    const media = main.record.protocolHandlers.get('kirei-media');
    const bundle = main.record.protocolHandlers.get('kirei-app');
    expect((await media?.(new Request(`kirei-media://media/${'a'.repeat(32)}`)))?.status).toBe(404);
    expect((await bundle?.(new Request('kirei-app://bundle/../../etc/passwd')))?.status).toBe(404);
  });

  it('hands a second instance’s file to the open window and says what became of it', async () => {
    const [window] = main.record.windows;
    const missing = path.join(main.folder, 'Episode 01.mkv');
    main.electron.app.emit('second-instance', {}, ['kirei', missing], main.folder, { files: [missing] });
    expect(window?.restored).toBe(1);
    expect(window?.focused).toBe(1);
    await until(() => (window?.webContents.sent.length ?? 0) > 0, 'the window hears about the file');
    expect(window?.webContents.sent[0]).toMatchObject({ channel: eventChannel, payload: { event: 'mediaOpened', payload: { ok: false, error: { code: 'not-found' } } } });
  });
});

describe('a second copy of the app', () => {
  it('hands over and quits without opening a window', async () => {
    const main = await startMain({ singleInstance: false });
    main.markReady();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(main.record.quits).toBe(1);
    expect(main.record.windows).toHaveLength(0);
    expect(main.record.ipcHandlers.size).toBe(0);
  }, 60_000);
});
