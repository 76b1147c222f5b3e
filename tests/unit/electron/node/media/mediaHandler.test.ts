import { mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
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
    id = await registry.register(file, 'video/x-matroska');
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
    await writeFile(path.join(folder, 'episode 2.mkv'), bytes);
    const other = await registry.register(path.join(folder, 'episode 2.mkv'), 'video/x-matroska');
    expect((await handle(request(`kirei-media://media/${other}`))).status).toBe(200);
    registry.unregister(other);
    expect((await handle(request(`kirei-media://media/${other}`))).status).toBe(404);
  });

  it('marks every answer nosniff and gives the type the file was registered as', async () => {
    for (const response of [await handle(request(`kirei-media://media/${id}`)), await handle(request(`kirei-media://media/${'0'.repeat(32)}`)), await handle(request(`kirei-media://media/${id}`, { range: 'bytes=9999-' }))]) {
      expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
    }
    expect((await handle(request(`kirei-media://media/${id}`))).headers['Content-Type']).toBe('video/x-matroska');
  });

  it('serves only the very file that was opened: not a file put in its place, not a link swapped to elsewhere', async () => {
    const own = await mkdtemp(path.join(os.tmpdir(), 'kirei-swap-'));
    const episode = path.join(own, 'Show - 01.mkv');
    await writeFile(episode, bytes);
    const replaced = await registry.register(episode, 'video/x-matroska');
    expect((await handle(request(`kirei-media://media/${replaced}`))).status).toBe(200);
    // Replaced by another file under the same name.
    await writeFile(path.join(own, 'other'), 'another file');
    await rename(path.join(own, 'other'), episode);
    expect((await handle(request(`kirei-media://media/${replaced}`))).status).toBe(404);

    // Opened through a link; the link then points somewhere else: the original is still what is read.
    const target = path.join(own, 'real.mkv');
    await writeFile(target, bytes);
    const link = path.join(own, 'link.mkv');
    await symlink(target, link);
    const linked = await registry.register(link, 'video/x-matroska');
    await rm(link);
    await symlink(secretPath, link);
    const response = await handle(request(`kirei-media://media/${linked}`));
    expect((await readAll(response.body)).equals(bytes)).toBe(true);
    // The original replaced by a link to a secret: refused.
    await rm(target);
    await symlink(secretPath, target);
    expect((await handle(request(`kirei-media://media/${linked}`))).status).toBe(404);
  });

  it('ignores an overlong Range header without reading it', async () => {
    const response = await handle(request(`kirei-media://media/${id}`, { range: `bytes=${'1-2,'.repeat(200_000)}3-4` }));
    expect(response.status).toBe(200);
    expect(response.headers['Content-Length']).toBe('4096');
    await readAll(response.body);
  });
});
