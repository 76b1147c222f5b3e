import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LibraryStore, salvage } from '../../../../../electron/node/library/progressStore';

const progress = (position: number) => ({ position, duration: 1420, watched: false, lastPlayedAt: 1 });

describe('LibraryStore', () => {
  it('keeps folders and progress across a restart', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-store-'));
    const store = new LibraryStore(path.join(folder, 'library.json'), 10);
    await store.load();
    await store.setFolders([{ id: 'a', path: '/anime' }]);
    store.setProgress('/anime/Show - 01.mkv', progress(12.5));
    await store.flush();
    const again = new LibraryStore(path.join(folder, 'library.json'));
    expect(await again.load()).toBeNull();
    expect(again.folders).toEqual([{ id: 'a', path: '/anime' }]);
    expect(again.progress('/anime/Show - 01.mkv')?.position).toBe(12.5);
  });

  it('moves a damaged file aside and keeps what is still legible in it', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-store-'));
    const file = path.join(folder, 'library.json');
    const whole = JSON.stringify(
      { version: 1, data: { folders: [{ id: 'a', path: '/anime' }], progress: { '/anime/A - 01.mkv': progress(100), '/anime/A - 02.mkv': progress(200) } } },
      null,
      1,
    );
    // Cut off in the middle of the second entry, as a full disk would leave it.
    await writeFile(file, whole.slice(0, whole.indexOf('A - 02') + 30));
    const store = new LibraryStore(file);
    const notice = await store.load();
    expect(notice).toMatch(/damaged .* 1 folders and the progress of 1 files were recovered/);
    expect(store.folders).toEqual([{ id: 'a', path: '/anime' }]);
    expect(store.progress('/anime/A - 01.mkv')?.position).toBe(100);
    expect(store.progress('/anime/A - 02.mkv')).toBeUndefined();
    expect((await readdir(folder)).some((name) => name.startsWith('library.json.corrupt-'))).toBe(true);
    // The rebuilt file is whole again.
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('salvage ignores entries that do not fit the schema', () => {
    expect(salvage('{"x": {"position": -5, "duration": null, "watched": false, "lastPlayedAt": null}, "y": {"position": 3, "duration": null, "watched": true, "lastPlayedAt": null}')).toEqual({
      folders: [],
      progress: { y: { position: 3, duration: null, watched: true, lastPlayedAt: null } },
      verdicts: {},
    });
  });

  it('loses nothing already saved when the process is killed in the middle of writing', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-kill-'));
    const script = path.join(folder, 'writer.mjs');
    // A child process saves progress as fast as it can and reports each save that completed.
    await build({
      stdin: {
        contents: `
          import { LibraryStore } from ${JSON.stringify(path.resolve('electron/node/library/progressStore.ts'))};
          const store = new LibraryStore(process.argv[2], 0);
          await store.load();
          for (let position = 1; ; position++) {
            for (let file = 0; file < 200; file++) store.setProgress('/anime/Show - ' + file + '.mkv', { position, duration: 1420, watched: false, lastPlayedAt: position });
            await store.flush();
            process.stdout.write('saved ' + position + '\\n');
          }`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    const file = path.join(folder, 'library.json');
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let lastSaved = 0;
      let output = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const matches = [...output.matchAll(/saved (\d+)/g)];
          lastSaved = Number(matches.at(-1)?.[1] ?? 0);
          // Kill it at a different moment each round, mid-write more often than not.
          if (lastSaved >= 3 + round * 7) {
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
      await new Promise((resolve) => child.on('exit', resolve));
      const store = new LibraryStore(file);
      expect(await store.load(), 'the file is never left damaged').toBeNull();
      for (let entry = 0; entry < 200; entry += 37) {
        expect(store.progress(`/anime/Show - ${entry}.mkv`)?.position ?? 0).toBeGreaterThanOrEqual(lastSaved);
      }
    }
  }, 60_000);
});
