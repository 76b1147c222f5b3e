import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maximumShaderBytes } from '../../../../../electron/common/shaders';
import { defaultShaderFolder, listShaderFolder, mpvShaderFolders, readShaderFile } from '../../../../../electron/node/shaders/shaderFolder';

async function shaderFolder(): Promise<{ root: string; folder: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kirei-shaders-'));
  const folder = path.join(root, 'shaders');
  await mkdir(path.join(folder, 'anime4k', 'Restore'), { recursive: true });
  await writeFile(path.join(folder, 'adaptive-sharpen.glsl'), '//!HOOK MAIN\n');
  await writeFile(path.join(folder, 'anime4k', 'Restore', 'Anime4K_Restore_CNN_S.glsl'), '//!HOOK MAIN\n');
  await writeFile(path.join(folder, 'notes.txt'), 'not a shader');
  await writeFile(path.join(root, 'secret.glsl'), 'outside the folder');
  return { root, folder };
}

describe('the shaders folder', () => {
  it('is mpv’s own on each system, the portable one first', () => {
    const linux = mpvShaderFolders({ platform: 'linux', env: {}, home: '/home/viewer', executableFolder: '/opt/kirei' });
    expect(linux.slice(0, 2)).toEqual(['/opt/kirei/portable_config/shaders', '/home/viewer/.config/mpv/shaders']);
    expect(mpvShaderFolders({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/viewer', executableFolder: '/opt/kirei' })[1]).toBe('/cfg/mpv/shaders');
    const windows = mpvShaderFolders({ platform: 'win32', env: { APPDATA: 'C:\\Users\\v\\AppData\\Roaming' }, home: 'C:\\Users\\v', executableFolder: 'C:\\Kirei' });
    expect(windows[1]).toBe('C:\\Users\\v\\AppData\\Roaming\\mpv\\shaders');
  });

  it('falls back to the usual folder when none exists, and takes the first that does', async () => {
    const { folder } = await shaderFolder();
    expect(await defaultShaderFolder(['/nowhere/portable', '/nowhere/user'])).toBe('/nowhere/user');
    expect(await defaultShaderFolder(['/nowhere/portable', folder])).toBe(folder);
  });

  it('lists shader files below it by their path inside it, and not what a link leads to', async () => {
    const { root, folder } = await shaderFolder();
    await symlink(path.join(root, 'secret.glsl'), path.join(folder, 'linked.glsl'));
    await writeFile(path.join(folder, 'huge.glsl'), Buffer.alloc(maximumShaderBytes + 1, 32));
    const listing = await listShaderFolder(folder);
    expect(listing.exists).toBe(true);
    expect(listing.files.map((file) => file.name)).toEqual(['adaptive-sharpen.glsl', 'anime4k/Restore/Anime4K_Restore_CNN_S.glsl', 'huge.glsl']);
    expect(listing.files[2]?.problem).toMatch(/larger than 4 MB are not read/);
    expect((await listShaderFolder(path.join(root, 'missing'))).exists).toBe(false);
  });

  it('reads only files that lie inside it: no way up, no link out, no other kind of file', async () => {
    const { root, folder } = await shaderFolder();
    expect(await readShaderFile(folder, 'anime4k/Restore/Anime4K_Restore_CNN_S.glsl')).toBe('//!HOOK MAIN\n');
    await symlink(path.join(root, 'secret.glsl'), path.join(folder, 'linked.glsl'));
    await expect(readShaderFile(folder, 'linked.glsl')).rejects.toThrow(/is a link/);
    await expect(readShaderFile(folder, '../secret.glsl')).rejects.toThrow(/not the name of a shader file/);
    await expect(readShaderFile(folder, path.join(root, 'secret.glsl'))).rejects.toThrow(/not the name of a shader file/);
    await expect(readShaderFile(folder, 'notes.txt')).rejects.toThrow(/not the name of a shader file/);
    await mkdir(path.join(folder, 'folder.glsl'));
    await expect(readShaderFile(folder, 'folder.glsl')).rejects.toThrow(/is not a file/);
    await writeFile(path.join(folder, 'binary.glsl'), Buffer.from([0x2f, 0x2f, 0x00, 0x01]));
    await expect(readShaderFile(folder, 'binary.glsl')).rejects.toThrow(/not a text file/);
  });
});
