import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contentSecurityPolicy } from '../../../electron/common/csp';
import { assetType } from '../../../electron/node/shell/assetTypes';
import { createMediaHandler } from '../../../electron/node/media/mediaHandler';
import { pipeline } from 'node:stream';
import type { Conversions } from '../../../electron/node/media/conversion';
import type { MediaRegistry } from '../../../electron/node/media/registry';

/**
 * Serves the built renderer and the media protocol over HTTP for browser tests: the same media
 * handler as the app's kirei-media:// scheme, at /media/<id> on the page's own origin.
 */
export async function startAppServer(rendererRoot: string, registry: MediaRegistry, conversions: Conversions) {
  const handleMedia = createMediaHandler(registry, conversions);
  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/media/')) {
        const answer = await handleMedia({
          method: request.method ?? 'GET',
          url: url.href,
          header: (name) => {
            const value = request.headers[name.toLowerCase()];
            return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
          },
        });
        response.writeHead(answer.status, answer.headers);
        // A body that fails mid-way (ffmpeg crashing) must reach the page as a broken response, as in the app.
        if (answer.body) pipeline(answer.body, response, () => undefined);
        else response.end();
        return;
      }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = path.resolve(rendererRoot, relative);
      if (!file.startsWith(path.resolve(rendererRoot) + path.sep)) {
        response.writeHead(404).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        'Content-Type': assetType(file),
        'Content-Length': String(info.size),
        'Content-Security-Policy': contentSecurityPolicy,
      });
      createReadStream(file).pipe(response);
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    // The page may still hold a connection (a keep-alive, a stream it abandoned): close would wait for it forever.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
