import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../../electron/common/bridge';
import { qualifiedMethodNames } from '../../../../electron/common/channels';
import { contract } from '../../../../electron/common/contract';
import { toErrorShape } from '../../../../electron/common/errors';

describe('bridge', () => {
  it('exposes every contract method as a named function and nothing that reaches IPC directly', () => {
    const bridge = createBridge({ call: vi.fn(), subscribe: () => () => undefined, pathForFile: () => '' });
    for (const name of qualifiedMethodNames()) {
      const [service = '', method = ''] = name.split('.');
      expect(typeof (bridge as unknown as Record<string, Record<string, unknown>>)[service]?.[method]).toBe('function');
    }
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    expect(JSON.stringify(Object.keys(bridge.media))).not.toMatch(/invoke|send|ipc/i);
  });

  it('sends service.method with the payload and unwraps values', async () => {
    const call = vi.fn(() => Promise.resolve({ ok: true as const, value: [] }));
    const bridge = createBridge({ call, subscribe: () => () => undefined, pathForFile: () => '' });
    await expect(bridge.media.listRecent()).resolves.toEqual([]);
    expect(call).toHaveBeenCalledWith('media.listRecent', undefined);
  });

  it('rejects with the error as plain data that keeps its code and detail across a structured copy', async () => {
    const bridge = createBridge({
      call: () => Promise.resolve({ ok: false as const, error: { code: 'not-found' as const, message: 'Gone.', detail: 'ENOENT' } }),
      subscribe: () => () => undefined,
      pathForFile: () => '',
    });
    const error = await bridge.media.openPath({ path: '/x' }).catch((caught: unknown) => caught);
    // Electron's context bridge copies what crosses it; an Error would arrive with its message only.
    const copied = structuredClone(error);
    expect(toErrorShape(copied)).toEqual({ code: 'not-found', message: 'Gone.', detail: 'ENOENT' });
  });

  it('reads an error from another bundle by its shape, and anything else as unexpected', () => {
    expect(toErrorShape({ code: 'truncated', message: 'Cut off.' })).toEqual({ code: 'truncated', message: 'Cut off.' });
    expect(toErrorShape({ code: 'no-such-code', message: 'x' })).toMatchObject({ code: 'internal', detail: '[object Object]' });
    expect(toErrorShape(new TypeError('boom'))).toMatchObject({ code: 'internal', detail: 'TypeError: boom' });
  });

  it('opens a dropped file by the path only the preload knows', async () => {
    const call = vi.fn(() => Promise.resolve({ ok: true as const, value: null }));
    const bridge = createBridge({ call, subscribe: () => () => undefined, pathForFile: () => '/v/ep.mkv' });
    await bridge.media.openDropped({});
    expect(call).toHaveBeenCalledWith('media.openPath', { path: '/v/ep.mkv' });
  });

  it('refuses drops that are not files on disk', async () => {
    const bridge = createBridge({ call: vi.fn(), subscribe: () => () => undefined, pathForFile: () => '' });
    await expect(bridge.media.openDropped({})).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('delivers events to listeners until they unsubscribe, and knows only contract events', () => {
    let emit: (event: string, payload: unknown) => void = () => undefined;
    const bridge = createBridge({
      call: vi.fn(),
      subscribe: (listener) => {
        emit = listener;
        return () => undefined;
      },
      pathForFile: () => '',
    });
    const listener = vi.fn();
    const stop = bridge.on('mediaOpened', listener);
    emit('mediaOpened', { ok: false, error: { code: 'internal', message: 'x' } });
    stop();
    emit('mediaOpened', { ok: false, error: { code: 'internal', message: 'y' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(() => bridge.on('somethingElse' as 'mediaOpened', listener)).toThrow();
  });
});
