import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMediaHandler, mediaIdFromUrl } from '../../../../../electron/node/media/mediaHandler';
import { MediaRegistry } from '../../../../../electron/node/media/registry';

async function readAll(stream: Readable | null): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function request(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return { method, url, header: (name: string) => headers[name.toLowerCase()] ?? null };
}

describe('media protocol handler', () => {
  const registry = new MediaRegistry();
  const handle = createMediaHandler(registry);
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 251));
  let folder = '';
  let id = '';
  let secretPath = '';

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-media-'));
    const file = path.join(folder, 'episode.mkv');
    await writeFile(file, bytes);
    secretPath = path.join(folder, 'secret.txt');
    await writeFile(secretPath, 'not for the renderer');
    id = registry.register(file);
  });

  it('serves the whole file with 200 and advertises ranges', async () => {
    const response = await handle(request(`kirei-media://media/${id}`));
    expect(response.status).toBe(200);
    expect(response.headers['Accept-Ranges']).toBe('bytes');
    expect(response.headers['Content-Length']).toBe('4096');
    expect(response.headers['Content-Type']).toBe('video/x-matroska');
    expect((await readAll(response.body)).equals(bytes)).toBe(true);
  });

  it('answers a range with 206 and exactly those bytes', async () => {
    const response = await handle(request(`kirei-media://media/${id}`, { range: 'bytes=100-199' }));
    expect(response.status).toBe(206);
    expect(response.headers['Content-Range']).toBe('bytes 100-199/4096');
    expect(response.headers['Content-Length']).toBe('100');
    expect((await readAll(response.body)).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it('answers suffix and open ranges', async () => {
    const suffix = await handle(request(`kirei-media://media/${id}`, { range: 'bytes=-96' }));
    expect(suffix.headers['Content-Range']).toBe('bytes 4000-4095/4096');
    expect((await readAll(suffix.body)).equals(bytes.subarray(4000))).toBe(true);
    const open = await handle(request(`kirei-media://media/${id}`, { range: 'bytes=4000-' }));
    expect(open.status).toBe(206);
    expect((await readAll(open.body)).length).toBe(96);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const response = await handle(request(`kirei-media://media/${id}`, { range: 'bytes=5000-6000' }));
    expect(response.status).toBe(416);
    expect(response.headers['Content-Range']).toBe('bytes */4096');
    expect(response.body).toBeNull();
  });

  it('answers disjoint multi-range requests with the whole file', async () => {
    const response = await handle(request(`kirei-media://media/${id}`, { range: 'bytes=0-9,100-109' }));
    expect(response.status).toBe(200);
    expect((await readAll(response.body)).length).toBe(4096);
  });

  it('answers HEAD without a body', async () => {
    const response = await handle(request(`kirei-media://media/${id}`, { range: 'bytes=0-9' }, 'HEAD'));
    expect(response.status).toBe(206);
    expect(response.body).toBeNull();
  });

  it('refuses other methods', async () => {
    expect((await handle(request(`kirei-media://media/${id}`, {}, 'PUT'))).status).toBe(405);
  });

  it('answers an unknown id with 404', async () => {
    expect((await handle(request(`kirei-media://media/${'0'.repeat(32)}`))).status).toBe(404);
  });

  it('never takes a path from the URL', async () => {
    const attempts = [
      `kirei-media://media/${encodeURIComponent(secretPath)}`,
      `kirei-media://media/..%2F..%2Fetc%2Fpasswd`,
      `kirei-media://media/${id}/..%2Fsecret.txt`,
      `kirei-media://media/?path=${encodeURIComponent(secretPath)}`,
      `kirei-media://${secretPath}`,
      'not a url',
    ];
    for (const url of attempts) {
      const response = await handle(request(url));
      expect(response.status, url).toBe(404);
    }
  });

  it('reads the id from the last path segment only', () => {
    expect(mediaIdFromUrl(`kirei-media://media/${id}`)).toBe(id);
    expect(mediaIdFromUrl(`http://127.0.0.1:1234/media/${id}`)).toBe(id);
    expect(mediaIdFromUrl(`kirei-media://media/${id.toUpperCase()}`)).toBeNull();
  });

  it('forgets an id once the file is closed', async () => {
    const other = registry.register(secretPath);
    expect((await handle(request(`kirei-media://media/${other}`))).status).toBe(200);
    registry.unregister(other);
    expect((await handle(request(`kirei-media://media/${other}`))).status).toBe(404);
  });
});
