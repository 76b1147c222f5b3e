import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArguments, userArguments } from '../../../../../electron/node/shell/commandLine';

describe('command line', () => {
  const cwd = path.resolve('/home/viewer/anime');
  it('resolves relative names against the working folder and skips switches', () => {
    expect(filesFromArguments(['--enable-logging', 'episode 01.mkv', '-x', '/abs/ep2.mp4'], cwd)).toEqual([
      path.join(cwd, 'episode 01.mkv'),
      path.resolve('/abs/ep2.mp4'),
    ]);
  });
  it('turns file URLs into paths and ignores other URLs', () => {
    expect(filesFromArguments(['file:///tmp/a%20b.mkv', 'https://example.com/x.mkv', 'kirei://x'], cwd)).toEqual([
      path.resolve('/tmp/a b.mkv'),
    ]);
  });
  it('drops the app folder Electron adds in development', () => {
    expect(userArguments(['electron', '.', 'a.mkv'], true)).toEqual(['a.mkv']);
    expect(userArguments(['kirei', 'a.mkv'], false)).toEqual(['a.mkv']);
  });
});
