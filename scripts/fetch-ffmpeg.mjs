// Puts the pinned ffmpeg and ffprobe for the target platform into build/ffmpeg/<platform>-<arch>,
// where electron-builder.yml picks them up (Windows and macOS). Every download is checked against
// the SHA-256 in ffmpeg-builds.json before anything is taken out of it; downloads are kept in
// build/ffmpeg-downloads and checked again on every use.
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ageInDays, extract, readBuilds, verifyDownload } from './ffmpeg-builds.mjs';

const platform = process.env.KIREI_TARGET_PLATFORM ?? process.platform;
const arch = process.env.KIREI_TARGET_ARCH ?? process.arch;
const key = `${platform}-${arch}`;

if (platform === 'linux') {
  console.log('Linux packages use the distribution\'s ffmpeg (the deb depends on it); nothing to fetch.');
  process.exit(0);
}
const build = readBuilds()[key];
if (!build) {
  console.error(`No pinned ffmpeg for ${key}: add one to scripts/ffmpeg-builds.json.`);
  process.exit(1);
}
const age = ageInDays(build);
if (age > 365) console.warn(`Warning: the pinned ffmpeg ${build.version} for ${key} is ${age} days old; pin a newer release.`);

const cache = path.join('build', 'ffmpeg-downloads');
const target = path.join('build', 'ffmpeg', key);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
mkdirSync(cache, { recursive: true });

for (const download of build.downloads) {
  const archive = path.join(cache, `${download.sha256}${path.extname(new URL(download.url).pathname)}`);
  if (!existsSync(archive)) {
    const response = await fetch(download.url);
    if (!response.ok || !response.body) throw new Error(`${download.url}: HTTP ${response.status}`);
    const partial = `${archive}.partial`;
    await pipeline(Readable.fromWeb(response.body), createWriteStream(partial));
    await verifyDownload(partial, download.sha256).catch((error) => {
      rmSync(partial, { force: true });
      throw error;
    });
    copyFileSync(partial, archive);
    rmSync(partial, { force: true });
  }
  await verifyDownload(archive, download.sha256);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kirei-ffmpeg-'));
  try {
    extract(archive, Object.values(download.files), scratch);
    for (const [name, inside] of Object.entries(download.files)) {
      copyFileSync(path.join(scratch, inside), path.join(target, name));
      chmodSync(path.join(target, name), 0o755);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// On the platform itself, the programs must say they are the pinned release.
if (platform === process.platform && arch === process.arch) {
  for (const tool of ['ffmpeg', 'ffprobe']) {
    const program = path.join(target, `${tool}${platform === 'win32' ? '.exe' : ''}`);
    const banner = execFileSync(program, ['-hide_banner', '-version'], { encoding: 'utf8' }).split('\n')[0];
    if (!banner.startsWith(`${tool} version ${build.version}`)) throw new Error(`${program} says "${banner}", not ${build.version}`);
  }
}
console.log(`ffmpeg ${build.version} (${build.publisher}) → ${target}`);
