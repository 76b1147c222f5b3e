import type { Dirent } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { ShaderFolderListing } from '../../common/shaders';
import { isShaderFileName, maximumShaderBytes, maximumShaderFiles } from '../../common/shaders';

/** Where mpv looks for its configuration, and so for the `shaders` folder inside it, on each system. */
export function mpvShaderFolders(options: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; home: string; executableFolder: string }): string[] {
  const { platform, env, home, executableFolder } = options;
  // mpv's portable mode: a portable_config folder beside the program wins over the user's folder.
  const portable = path.join(executableFolder, 'portable_config', 'shaders');
  if (platform === 'win32') {
    const appData = env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming');
    return [portable, path.win32.join(appData, 'mpv', 'shaders')];
  }
  const config = env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(home, '.config');
  const folders = [portable, path.join(config, 'mpv', 'shaders')];
  // Older mpv on macOS and Linux read ~/.mpv.
  folders.push(path.join(home, '.mpv', 'shaders'));
  return folders;
}

/** The first of the candidates that is a folder, else the usual one (the second: the first is the portable one). */
export async function defaultShaderFolder(candidates: string[]): Promise<string> {
  for (const candidate of candidates) {
    if ((await lstat(candidate).catch(() => null))?.isDirectory()) return candidate;
  }
  return candidates[1] ?? candidates[0] ?? '';
}

/** Folders below the shaders folder that are looked into (Anime4K's release keeps its files two deep). */
const maximumDepth = 4;

/**
 * The shader files of a folder and the folders below it, by their path inside it ("anime4k/x.glsl").
 * Links are not followed: a file is listed only where it really lies inside the folder.
 */
export async function listShaderFolder(folder: string): Promise<ShaderFolderListing> {
  const root = await realpath(folder).catch(() => null);
  if (!root) return { folder, exists: false, files: [], skipped: [] };
  const files: ShaderFolderListing['files'] = [];
  const skipped: string[] = [];
  const visit = async (relative: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch {
      skipped.push(`${relative || '.'}: the folder could not be read`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        if (depth < maximumDepth) await visit(name, depth + 1);
        continue;
      }
      if (!entry.isFile() || !isShaderFileName(name)) continue;
      if (files.length >= maximumShaderFiles) {
        skipped.push(`${name}: more than ${maximumShaderFiles} shader files; the rest are not listed`);
        return;
      }
      const info = await lstat(path.join(root, name)).catch(() => null);
      if (!info) continue;
      files.push({ name, bytes: info.size, problem: info.size > maximumShaderBytes ? tooLarge(info.size) : null });
    }
  };
  await visit('', 0);
  return { folder, exists: true, files, skipped };
}

function tooLarge(bytes: number): string {
  return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; shader files larger than ${maximumShaderBytes / 1024 / 1024} MB are not read.`;
}

/**
 * One shader file's text. The name is a path inside the folder (checked by the contract); it is
 * resolved and checked to lie inside the folder again here, and read through one open handle with
 * a size cap, so that a link or a swapped file cannot make Kirei read anything else.
 */
export async function readShaderFile(folder: string, name: string): Promise<string> {
  if (!isShaderFileName(name)) throw new KireiError('invalid-request', `“${name}” is not the name of a shader file.`);
  const root = await realpath(folder).catch(() => {
    throw new KireiError('not-found', `The shaders folder “${folder}” is not there.`);
  });
  const target = path.join(root, ...name.split('/'));
  const real = await realpath(target).catch(() => {
    throw new KireiError('not-found', `“${name}” is not in the shaders folder any more.`);
  });
  if (real !== target) throw new KireiError('invalid-request', `“${name}” is a link; Kirei reads only the files that lie in the shaders folder.`);
  const handle = await open(target, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new KireiError('invalid-request', `“${name}” is not a file.`);
    if (info.size > maximumShaderBytes) throw new KireiError('invalid-request', `“${name}”: ${tooLarge(info.size)}`);
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer.subarray(0, bytesRead));
    if (text.includes('\0')) throw new KireiError('invalid-request', `“${name}” is not a text file.`);
    return text;
  } finally {
    await handle.close();
  }
}
