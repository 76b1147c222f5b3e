// The pinned ffmpeg builds (ffmpeg-builds.json): reading the table, checking a download against
// its SHA-256 and taking the programs out of the archive. fetch-ffmpeg.mjs drives it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { path7za } from '7zip-bin';

const sha256Pattern = /^[0-9a-f]{64}$/;
const dayMs = 24 * 60 * 60 * 1000;

/** The table, checked for the shape fetch-ffmpeg.mjs relies on. */
export function readBuilds(file = path.join(import.meta.dirname, 'ffmpeg-builds.json')) {
  const table = JSON.parse(readFileSync(file, 'utf8'));
  for (const [target, build] of Object.entries(table.builds)) {
    if (!/^\d+\.\d+(\.\d+)?$/.test(build.version)) throw new Error(`${target}: "${build.version}" is not a release version`);
    if (Number.isNaN(Date.parse(build.released))) throw new Error(`${target}: no release date`);
    for (const download of build.downloads) {
      if (!download.url.startsWith('https://')) throw new Error(`${target}: ${download.url} is not https`);
      if (!sha256Pattern.test(download.sha256)) throw new Error(`${target}: ${download.url} has no SHA-256`);
      for (const inside of Object.values(download.files)) {
        if (path.isAbsolute(inside) || inside.split('/').includes('..')) throw new Error(`${target}: ${inside} leaves the archive`);
      }
    }
  }
  return table.builds;
}

/** How old the pinned release is on `now`, in days: the fetch warns past a year. */
export function ageInDays(build, now = new Date()) {
  return Math.floor((now.getTime() - Date.parse(build.released)) / dayMs);
}

export async function sha256Of(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** Throws unless the file's SHA-256 is the pinned one; nothing from a mismatching file is used. */
export async function verifyDownload(file, expected) {
  const actual = await sha256Of(file);
  if (actual !== expected) {
    throw new Error(`${path.basename(file)}: SHA-256 ${actual} differs from the pinned ${expected}; refusing to package it`);
  }
}

/** Extracts the named files (7z or zip) into `folder`, keeping their paths inside the archive. */
export function extract(archive, inside, folder) {
  // npm does not always keep the executable bit of the packaged 7za.
  chmodSync(path7za, 0o755);
  execFileSync(path7za, ['x', '-y', `-o${folder}`, archive, ...inside], { stdio: ['ignore', 'ignore', 'inherit'] });
}
