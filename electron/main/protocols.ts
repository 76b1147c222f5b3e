import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { appScheme, contentSecurityPolicy, mediaScheme } from '../common/csp';
import { assetType } from '../node/shell/assetTypes';
import { createMediaHandler } from '../node/media/mediaHandler';
import type { Conversions } from '../node/media/conversion';
import type { MediaRegistry } from '../node/media/registry';
import { resolveAppAsset } from '../node/shell/policy';

/** Must run before the app is ready: both schemes behave like https for the renderer. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: mediaScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the renderer bundle from inside the app, with our CSP on every response. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    const filePath = resolveAppAsset(rendererRoot, request.url);
    if (!filePath) return new Response(null, { status: 404 });
    try {
      const body = await readFile(filePath);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': assetType(filePath),
          'Content-Security-Policy': contentSecurityPolicy,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

/** Serves registered media ids with Range support; see node/media/mediaHandler.ts. */
export function handleMediaProtocol(registry: MediaRegistry, conversions: Conversions): void {
  const handle = createMediaHandler(registry, conversions);
  protocol.handle(mediaScheme, async (request) => {
    const response = await handle({
      method: request.method,
      url: request.url,
      header: (name) => request.headers.get(name),
    });
    const body = response.body ? (Readable.toWeb(response.body) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: response.status, headers: response.headers });
  });
}
