import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { assetType } from '../../../electron/node/shell/assetTypes';

/** Test media the pages load directly. */
const mediaTypes: Record<string, string> = { '.mkv': 'video/x-matroska', '.mp4': 'video/mp4', '.webm': 'video/webm', '.ass': 'text/plain; charset=utf-8', '.sup': 'application/octet-stream' };

/** Serves folders read-only on 127.0.0.1: `mounts` maps a URL prefix to a folder. */
export async function startStaticServer(mounts: Record<string, string>) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const mount = entries.find(([prefix]) => pathname.startsWith(prefix));
      if (!mount) return void response.writeHead(404).end();
      const [prefix, folder] = mount;
      const file = path.resolve(folder, pathname.slice(prefix.length) || 'index.html');
      if (!file.startsWith(path.resolve(folder) + path.sep)) return void response.writeHead(404).end();
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': mediaTypes[path.extname(file).toLowerCase()] ?? assetType(file), 'Content-Length': String(info.size), 'Cache-Control': 'no-store' });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    // The page may still hold a connection (a keep-alive, a read it abandoned): close would wait for it forever.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
