import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFolder } from '../../../../../electron/node/library/scanner';

describe('scanFolder', () => {
  it('finds video files recursively, skips hidden and system folders, and walks a link loop once', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'kirei-scan-'));
    const made = ['Show/Show - 01.mkv', 'Show/Season 2/Show - 01.MP4', 'Show/notes.txt', '.hidden/Secret - 01.mkv', '$RECYCLE.BIN/Gone - 01.mkv', '@eaDir/thumb.mkv', 'Show/.Show - 02.mkv'];
    for (const file of made) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), 'x');
    }
    // A link back to the root, and a second way into one folder.
    await symlink(root, path.join(root, 'Show', 'loop'));
    await symlink(path.join(root, 'Show'), path.join(root, 'Also Show'));
    await symlink(path.join(root, 'missing'), path.join(root, 'dangling.mkv'));
    const { files, unreadable } = await scanFolder(root);
    expect(files.map((file) => path.relative(root, file.path)).sort()).toEqual([path.join('Show', 'Season 2', 'Show - 01.MP4'), path.join('Show', 'Show - 01.mkv')]);
    expect(unreadable).toEqual([]);
  });

  it('reports a folder it cannot read instead of failing', async () => {
    const { files, unreadable } = await scanFolder(path.join(os.tmpdir(), 'kirei-no-such-folder'));
    expect(files).toEqual([]);
    expect(unreadable[0]?.reason).toBe('the folder no longer exists');
  });
});
