import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { path7za } from '7zip-bin';
import { describe, expect, it } from 'vitest';
import { ageInDays, extract, readBuilds, sha256Of, verifyDownload } from '../../../scripts/ffmpeg-builds.mjs';

describe('the pinned ffmpeg builds', () => {
  const builds = readBuilds();

  it('pins Windows and both macOS architectures by version and SHA-256', () => {
    expect(Object.keys(builds).sort()).toEqual(['darwin-arm64', 'darwin-x64', 'win32-x64']);
    for (const build of Object.values(builds)) {
      expect(build.downloads.length).toBeGreaterThan(0);
      const names = build.downloads.flatMap((download) => Object.keys(download.files)).map((name) => name.replace(/\.exe$/, ''));
      expect(names.sort()).toEqual(['ffmpeg', 'ffprobe']);
      for (const download of build.downloads) expect(download.url).toContain(build.version);
    }
  });

  it('measures a pin\'s age from its release date', () => {
    const windows = builds['win32-x64'];
    if (!windows) throw new Error('no Windows build');
    expect(ageInDays({ ...windows, released: '2026-01-01' }, new Date('2026-12-31T12:00:00Z'))).toBe(364);
  });

  it('rejects a table with a missing hash, a plain http address or a path out of the archive', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kirei-builds-'));
    type Download = { url: string; sha256: string; files: Record<string, string> };
    const good = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../scripts/ffmpeg-builds.json'), 'utf8')) as { builds: Record<string, { downloads: Download[] }> };
    const first = (table: typeof good): Download => {
      const download = table.builds['win32-x64']?.downloads[0];
      if (!download) throw new Error('no Windows download');
      return download;
    };
    const variants: [string, (table: typeof good) => void][] = [
      ['SHA-256', (table) => void (first(table).sha256 = 'abc')],
      ['not https', (table) => void (first(table).url = 'http://example.com/ffmpeg-9.0.1.7z')],
      ['leaves the archive', (table) => void (first(table).files['ffmpeg.exe'] = '../ffmpeg.exe')],
    ];
    for (const [message, spoil] of variants) {
      const table = structuredClone(good);
      spoil(table);
      const file = path.join(folder, 'builds.json');
      writeFileSync(file, JSON.stringify(table));
      expect(() => readBuilds(file)).toThrow(message);
    }
  });

  it('uses a download only when its SHA-256 is the pinned one, then takes the programs out of it', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kirei-builds-'));
    writeFileSync(path.join(folder, 'ffmpeg'), 'program bytes');
    chmodSync(path7za, 0o755);
    const archive = path.join(folder, 'ffmpeg.zip');
    execFileSync(path7za, ['a', '-tzip', archive, 'ffmpeg'], { cwd: folder, stdio: 'ignore' });
    const pinned = await sha256Of(archive);
    await expect(verifyDownload(archive, pinned)).resolves.toBeUndefined();
    await expect(verifyDownload(archive, '0'.repeat(64))).rejects.toThrow('refusing to package it');
    const out = path.join(folder, 'out');
    extract(archive, ['ffmpeg'], out);
    expect(readFileSync(path.join(out, 'ffmpeg'), 'utf8')).toBe('program bytes');
  });
});
