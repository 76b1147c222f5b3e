import fc from 'fast-check';
import { describe, it } from 'vitest';
import { qualifiedMethodNames } from '../../../electron/common/channels';
import type { ServiceApi } from '../../../electron/common/contract';
import { contract } from '../../../electron/common/contract';
import { isErrorShape, withoutPaths } from '../../../electron/common/errors';
import { createDispatcher } from '../../../electron/node/ipc/dispatcher';
import { parseInputConf } from '../../../renderer/input/keymap';
import { check, hostileText } from './fuzzConfig';

type MethodSpec = { request: { safeParse(value: unknown): { success: boolean } } };

/** Services that only record what reached them: every call must have passed the contract. */
function recordingServices(received: { method: string; payload: unknown }[]): ServiceApi {
  const services: Record<string, Record<string, (payload?: unknown) => Promise<unknown>>> = {};
  for (const name of qualifiedMethodNames()) {
    const [service = '', method = ''] = name.split('.');
    services[service] ??= {};
    services[service][method] = (payload?: unknown) => {
      received.push({ method: name, payload });
      return Promise.reject(new Error(`stub ${name} at /home/someone/secret/place.ts`));
    };
  }
  return services as unknown as ServiceApi;
}

const payload = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined), fc.record({ path: hostileText }), fc.record({ mediaId: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 32, maxLength: 32 }), trackId: hostileText }));

describe('fuzz: the IPC contract', () => {
  it('lets through only requests the contract allows, and answers everything with a plain result', async () => {
    const received: { method: string; payload: unknown }[] = [];
    const dispatch = createDispatcher(recordingServices(received), { appOrigin: 'kirei-app://bundle' });
    const methods = qualifiedMethodNames();
    await check(
      'IPC requests',
      fc.asyncProperty(fc.oneof(fc.constantFrom(...methods), hostileText), payload, fc.boolean(), async (method, body, ownFrame) => {
        received.length = 0;
        const result = await dispatch({ method, payload: body }, { frameUrl: ownFrame ? 'kirei-app://bundle/index.html' : 'https://example.com/', isOurMainFrame: ownFrame });
        if (result.ok || !isErrorShape(result.error)) return false;
        // Nothing from a stranger reaches a service; what does reach one passed its schema.
        if (!ownFrame && received.length > 0) return false;
        const [service = '', name = ''] = method.split('.');
        const spec = (contract as unknown as Record<string, Record<string, MethodSpec>>)[service]?.[name];
        const call = received[0];
        if (call && !spec?.request.safeParse(call.payload).success) return false;
        // No folder of this machine goes back to the page.
        return !result.error.detail?.includes('/home/someone');
      }),
    );
  });

  it('keeps only file names when a message carries paths', async () => {
    const segment = fc.string({ unit: fc.constantFrom(...'abcdefghij -_.0123456789'.split('')), minLength: 1, maxLength: 10 }).filter((text) => text.trim().length > 0 && !text.includes('..'));
    await check(
      'paths in messages',
      fc.property(fc.array(segment, { minLength: 2, maxLength: 5 }), fc.constantFrom('posix', 'windows'), fc.constantFrom("'", '"', ' '), (parts, style, quote) => {
        const secret = 'SECRETFOLDER';
        const full = style === 'posix' ? `/${secret}/${parts.join('/')}` : `C:\\${secret}\\${parts.join('\\')}`;
        const message = quote === ' ' ? `ENOENT: open ${full.replace(/ /g, '_')} failed` : `ENOENT: no such file, stat ${quote}${full}${quote}`;
        return !withoutPaths(message).includes(secret);
      }),
    );
  });

  it('reads any input.conf the page sends without throwing', async () => {
    await check(
      'input.conf',
      fc.property(fc.array(fc.oneof(hostileText, fc.constantFrom('Ctrl+1 anime4k-mode A', 'x cycle compare', 'a add volume 5', 'SPACE cycle pause', '#', 'q quit')), { maxLength: 30 }), (lines) => {
        const parsed = parseInputConf(lines.join('\n'));
        return Array.isArray(parsed.problems);
      }),
    );
  });
});
