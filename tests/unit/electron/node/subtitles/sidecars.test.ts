import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSuffix, findSidecars } from '../../../../../electron/node/subtitles/sidecars';

let folder = '';
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('sidecar subtitles', () => {
  it('reads language, forced, default and title from the suffix', () => {
    expect(describeSuffix('.en')).toEqual({ language: 'en', title: null, isForced: false, isDefault: false });
    expect(describeSuffix('.ja.forced')).toEqual({ language: 'ja', title: null, isForced: true, isDefault: false });
    expect(describeSuffix('.eng.Signs & Songs.default')).toEqual({ language: 'en', title: 'Signs & Songs', isForced: false, isDefault: true });
    expect(describeSuffix('.pt-BR')).toEqual({ language: 'pt-BR', title: null, isForced: false, isDefault: false });
    expect(describeSuffix('')).toEqual({ language: null, title: null, isForced: false, isDefault: false });
  });

  it('finds files beside the video, in Subs/ and Subtitles/, and in a per-episode folder of Subs/', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-sidecars-'));
    const video = path.join(folder, '[Group] Show - 01 (1080p).mkv');
    const files = [
      '[Group] Show - 01 (1080p).mkv',
      '[Group] Show - 01 (1080p).ass',
      '[Group] Show - 01 (1080p).en.srt',
      '[Group] Show - 01 (1080p).ja.forced.srt',
      // Another episode's, and a file that only starts like this one's name.
      '[Group] Show - 02 (1080p).ass',
      '[Group] Show - 01 (1080p) v2.ass',
      'notes.txt',
      'Subs/[Group] Show - 01 (1080p).pt-BR.vtt',
      'Subs/[Group] Show - 01 (1080p)/2_English.srt',
      'Subs/[Group] Show - 01 (1080p)/3_Spanish.ass',
      'Subtitles/[Group] Show - 01 (1080p).de.ass',
      'Subtitles/unrelated.srt',
    ];
    for (const file of files) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await writeFile(path.join(folder, file), '');
    }
    const found = await findSidecars(video);
    expect(found.map((file) => [path.relative(folder, file.path), file.format, file.language, file.isForced])).toEqual([
      ['[Group] Show - 01 (1080p).ass', 'ass', null, false],
      ['[Group] Show - 01 (1080p).en.srt', 'srt', 'en', false],
      ['[Group] Show - 01 (1080p).ja.forced.srt', 'srt', 'ja', true],
      [path.join('Subs', '[Group] Show - 01 (1080p).pt-BR.vtt'), 'vtt', 'pt-BR', false],
      [path.join('Subs', '[Group] Show - 01 (1080p)', '2_English.srt'), 'srt', 'en', false],
      [path.join('Subs', '[Group] Show - 01 (1080p)', '3_Spanish.ass'), 'ass', 'es', false],
      [path.join('Subtitles', '[Group] Show - 01 (1080p).de.ass'), 'ass', 'de', false],
    ]);
  });

  it('offers nothing for a folder that cannot be read', async () => {
    expect(await findSidecars(path.join(os.tmpdir(), 'kirei-no-such-folder', 'video.mkv'))).toEqual([]);
  });
});
