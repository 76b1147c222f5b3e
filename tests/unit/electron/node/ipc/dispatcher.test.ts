import { describe, expect, it, vi } from 'vitest';
import type { ServiceApi } from '../../../../../electron/common/contract';
import { KireiError, unexpectedProblem } from '../../../../../electron/common/errors';
import { createDispatcher, isTrustedSender } from '../../../../../electron/node/ipc/dispatcher';

const origin = 'kirei-app://bundle';
const ourFrame = { frameUrl: `${origin}/index.html`, isOurMainFrame: true };

function services(overrides: Partial<ServiceApi['media']> = {}): ServiceApi {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    media: {
      openDialog: () => Promise.resolve(null),
      openPath: unused,
      openRecent: unused,
      listRecent: () => Promise.resolve([]),
      clearRecent: () => Promise.resolve([]),
      close: () => Promise.resolve(null),
      conversionProblem: () => Promise.resolve(null),
      picture: () => Promise.resolve(null),
      ...overrides,
    },
    settings: { get: unused, update: unused, chooseScreenshotFolder: unused, chooseFfmpeg: unused, resetPath: unused },
    screenshots: { save: unused, saveWindow: unused },
    subtitles: { list: unused, load: unused },
    shaders: { list: unused, read: unused, chooseFolder: unused, importMpvConfig: unused },
    library: {
      snapshot: unused,
      addFolderDialog: unused,
      addFolder: unused,
      removeFolder: unused,
      rescan: unused,
      playEpisode: unused,
      setWatched: unused,
      saveProgress: unused,
      nextEpisode: unused,
    },
    app: { info: () => Promise.resolve({ version: '1', platform: 'linux', ffmpeg: null }), notices: () => Promise.resolve([]) },
  };
}

describe('IPC dispatcher', () => {
  it('runs a known method for our own frame', async () => {
    const dispatch = createDispatcher(services(), { appOrigin: origin });
    expect(await dispatch({ method: 'media.listRecent', payload: undefined }, ourFrame)).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['another origin', { frameUrl: 'https://evil.example/', isOurMainFrame: true }],
    ['a subframe of our page', { frameUrl: `${origin}/index.html`, isOurMainFrame: false }],
    ['a file URL', { frameUrl: 'file:///tmp/page.html', isOurMainFrame: true }],
    ['no URL', { frameUrl: '', isOurMainFrame: true }],
  ])('refuses %s', async (_label, sender) => {
    const close = vi.fn(() => Promise.resolve(null));
    const dispatch = createDispatcher(services({ close }), { appOrigin: origin });
    const result = await dispatch({ method: 'media.close', payload: { id: 'a' } }, sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(close).not.toHaveBeenCalled();
  });

  it.each(['media.deleteEverything', 'toString', 'media.constructor', '__proto__.polluted', 'media', ''])(
    'refuses the unknown method %j',
    async (method) => {
      const dispatch = createDispatcher(services(), { appOrigin: origin });
      expect(await dispatch({ method, payload: undefined }, ourFrame)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    },
  );

  it.each([
    ['a missing path', { method: 'media.openPath', payload: {} }],
    ['a number for a path', { method: 'media.openPath', payload: { path: 7 } }],
    ['extra fields', { method: 'media.openPath', payload: { path: '/a.mkv', also: 1 } }],
    ['an overlong path', { method: 'media.openPath', payload: { path: 'a'.repeat(5000) } }],
    ['a payload where none is expected', { method: 'media.listRecent', payload: { x: 1 } }],
    ['a message that is not an object', 'media.listRecent'],
    ['a message with extra keys', { method: 'media.listRecent', payload: undefined, sneaky: true }],
  ])('refuses %s before the service runs', async (_label, message) => {
    const openPath = vi.fn();
    const dispatch = createDispatcher(services({ openPath }), { appOrigin: origin });
    expect(await dispatch(message, ourFrame)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(openPath).not.toHaveBeenCalled();
  });

  it('passes service errors on as code and message', async () => {
    const dispatch = createDispatcher(
      services({ openPath: () => Promise.reject(new KireiError('not-found', 'Kirei cannot find this file.')) }),
      { appOrigin: origin },
    );
    expect(await dispatch({ method: 'media.openPath', payload: { path: '/x.mkv' } }, ourFrame)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Kirei cannot find this file.' },
    });
  });

  it('hides unexpected exceptions behind a generic message with the detail kept', async () => {
    const dispatch = createDispatcher(services({ openPath: () => Promise.reject(new TypeError('boom')) }), { appOrigin: origin });
    expect(await dispatch({ method: 'media.openPath', payload: { path: '/x.mkv' } }, ourFrame)).toEqual({
      ok: false,
      error: { code: 'internal', message: unexpectedProblem, detail: 'TypeError: boom' },
    });
  });

  it('validates replies too', async () => {
    const onInvalidReply = vi.fn();
    const broken = services({ listRecent: () => Promise.resolve([{ name: 1 }] as never) });
    const dispatch = createDispatcher(broken, { appOrigin: origin, onInvalidReply });
    expect(await dispatch({ method: 'media.listRecent', payload: undefined }, ourFrame)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(onInvalidReply).toHaveBeenCalledWith('media.listRecent', expect.any(String));
  });

  it('compares origins, not prefixes', () => {
    expect(isTrustedSender({ frameUrl: 'kirei-app://bundle.evil/index.html', isOurMainFrame: true }, origin)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'kirei-app://bundle/deep/page.html', isOurMainFrame: true }, origin)).toBe(true);
  });
});
