import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface BuilderConfig {
  appId: string;
  asar: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  deb: { depends: string[] };
  win: { target: string[]; extraResources: { from: string; to: string }[] };
  mac: { target: string[]; extraResources: { from: string; to: string }[] };
  extraResources?: unknown;
}

const root = path.resolve(import.meta.dirname, '../../..');

describe('electron-builder.yml', async () => {
  const config = parse(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

  it('names the app and packs it into an asar archive', () => {
    expect(config.appId).toBe('app.kirei.player');
    expect(config.asar).toBe(true);
    expect(config.files).toContain('!**/*.map');
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it.each([
    ['runAsNode', false],
    ['onlyLoadAppFromAsar', true],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableNodeOptionsEnvironmentVariable', false],
  ])('sets the %s fuse to %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('ships the pinned ffmpeg on Windows and macOS and depends on the system one in the deb', () => {
    const pinned = [{ from: 'build/ffmpeg/${platform}-${arch}', to: 'ffmpeg' }];
    expect(config.win.extraResources).toEqual(pinned);
    expect(config.mac.extraResources).toEqual(pinned);
    expect(config.extraResources).toBeUndefined();
    expect(config.deb.depends).toContain('ffmpeg');
  });

  it('has the icons it names', async () => {
    const icons = await readFile(path.join(root, config.linux.icon, '512x512.png'));
    expect(icons.subarray(1, 4).toString()).toBe('PNG');
  });

  it('packages what the build writes and points main at it', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(config.files).toContain('dist/electron/**');
    expect(manifest.main).toBe('dist/electron/main.cjs');
  });
});
