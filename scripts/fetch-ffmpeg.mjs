// Puts ffmpeg and ffprobe for this platform into build/ffmpeg/<platform>-<arch>, where
// electron-builder.yml picks them up. The binaries come from the npm registry packages
// @ffmpeg-installer/<platform>-<arch> and @ffprobe-installer/<platform>-<arch>.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const platform = process.env.KIREI_TARGET_PLATFORM ?? process.platform;
const arch = process.env.KIREI_TARGET_ARCH ?? process.arch;
const target = path.join('build', 'ffmpeg', `${platform}-${arch}`);
const suffix = platform === 'win32' ? '.exe' : '';
mkdirSync(target, { recursive: true });

for (const [scope, tool] of [['@ffmpeg-installer', 'ffmpeg'], ['@ffprobe-installer', 'ffprobe']]) {
  const name = `${scope}/${platform}-${arch}`;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kirei-ffmpeg-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tarball = execFileSync(npm, ['pack', name, '--silent', '--pack-destination', scratch], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['-xzf', path.join(scratch, tarball.split('\n').pop()), '-C', scratch]);
  const binary = readdirSync(path.join(scratch, 'package')).find((file) => file === `${tool}${suffix}`);
  if (!binary) throw new Error(`${name} has no ${tool}${suffix}`);
  copyFileSync(path.join(scratch, 'package', binary), path.join(target, binary));
  chmodSync(path.join(target, binary), 0o755);
  rmSync(scratch, { recursive: true, force: true });
  console.log(`${tool}: ${name} → ${target}`);
}
