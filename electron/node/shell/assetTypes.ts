import path from 'node:path';

/**
 * Types of the app's own bundle, served by the app protocol. Media files never go through this
 * table: the media protocol serves each file as the media type its probe gave (media/registry.ts).
 */
const typesByExtension: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function assetType(filePath: string): string {
  return typesByExtension[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
