import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile } from '../../../../../electron/node/store/jsonFile';
import { RecentFiles } from '../../../../../electron/node/store/recentFiles';

const schema = z.object({ count: z.number() });

async function folder() {
  return mkdtemp(path.join(os.tmpdir(), 'kirei-store-'));
}

describe('JsonFile', () => {
  it('gives defaults when nothing is stored, then round-trips a saved value', async () => {
    const filePath = path.join(await folder(), 'nested', 'state.json');
    const file = new JsonFile({ filePath, version: 2, schema, defaults: () => ({ count: 0 }) });
    expect(await file.load()).toEqual({ value: { count: 0 }, recovered: null });
    await file.save({ count: 5 });
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual({ version: 2, data: { count: 5 } });
    expect((await file.load()).value).toEqual({ count: 5 });
  });

  it('keeps the last of many quick saves and leaves no temporary files', async () => {
    const directory = await folder();
    const filePath = path.join(directory, 'state.json');
    const file = new JsonFile({ filePath, version: 1, schema, defaults: () => ({ count: 0 }) });
    await Promise.all(Array.from({ length: 25 }, (_, count) => file.save({ count })));
    expect((await file.load()).value).toEqual({ count: 24 });
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  it('moves a corrupt file aside and says why', async () => {
    const directory = await folder();
    const filePath = path.join(directory, 'state.json');
    await writeFile(filePath, '{"version":1,"data":{"count":');
    const file = new JsonFile({ filePath, version: 1, schema, defaults: () => ({ count: 0 }) });
    const result = await file.load();
    expect(result.value).toEqual({ count: 0 });
    expect(result.recovered?.reason).toBeTruthy();
    const names = await readdir(directory);
    expect(names.some((name) => name.startsWith('state.json.corrupt-'))).toBe(true);
  });

  it('migrates older versions', async () => {
    const filePath = path.join(await folder(), 'state.json');
    await writeFile(filePath, JSON.stringify({ version: 1, data: { total: 3 } }));
    const file = new JsonFile({
      filePath,
      version: 2,
      schema,
      defaults: () => ({ count: 0 }),
      migrate: (data) => ({ count: (data as { total: number }).total }),
    });
    expect((await file.load()).value).toEqual({ count: 3 });
  });

  it('refuses a file written by a newer version instead of misreading it', async () => {
    const filePath = path.join(await folder(), 'state.json');
    await writeFile(filePath, JSON.stringify({ version: 9, data: { count: 1 } }));
    const file = new JsonFile({ filePath, version: 1, schema, defaults: () => ({ count: 0 }) });
    expect((await file.load()).recovered?.reason).toMatch(/newer/);
  });
});

describe('RecentFiles', () => {
  it('keeps the newest first, without duplicates, and hides paths behind keys', async () => {
    const directory = await folder();
    const recent = new RecentFiles(path.join(directory, 'recent.json'));
    await recent.load();
    await recent.add('/videos/Show/ep1.mkv', new Date('2026-01-01'));
    await recent.add('/videos/Show/ep2.mkv', new Date('2026-01-02'));
    await recent.add('/videos/Show/ep1.mkv', new Date('2026-01-03'));
    const list = recent.list();
    expect(list.map((entry) => entry.name)).toEqual(['ep1.mkv', 'ep2.mkv']);
    expect(list[0]?.folder).toBe('Show');
    expect(JSON.stringify(list)).not.toContain('/videos');
    expect(recent.pathForKey(list[1]?.key ?? '')).toBe(path.resolve('/videos/Show/ep2.mkv'));
    expect(recent.pathForKey('nope')).toBeUndefined();

    const reloaded = new RecentFiles(path.join(directory, 'recent.json'));
    await reloaded.load();
    expect(reloaded.list()).toEqual(list);
  });

  it('keeps at most twenty entries', async () => {
    const recent = new RecentFiles(path.join(await folder(), 'recent.json'));
    for (let index = 0; index < 30; index++) await recent.add(`/v/${index}.mkv`);
    expect(recent.list()).toHaveLength(20);
    expect(recent.list()[0]?.name).toBe('29.mkv');
  });
});
