import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../../../electron/node/library/catalogue';
import { buildCatalogue, nextEpisode } from '../../../../../electron/node/library/catalogue';

const root = path.join(path.sep, 'anime');
const other = path.join(path.sep, 'more');

function catalogue(names: string[], progress: Record<string, Progress> = {}, problems: Record<string, string> = {}, roots = [root, other]) {
  return buildCatalogue({
    roots,
    files: names.map((name, index) => ({ path: name.startsWith(path.sep) ? name : path.join(root, name), size: 1000 + index, modifiedMs: 0 })),
    progress: (filePath) => progress[filePath],
    idOf: (filePath) => filePath,
    thumbnailUrl: () => null,
    problem: (filePath) => problems[filePath] ?? null,
  });
}

describe('buildCatalogue', () => {
  it('groups one show across folders and releases, orders episodes and keeps specials apart', () => {
    const { series } = catalogue([
      '[SubsPlease] Sousou no Frieren - 02 (1080p) [AAAAAAAA].mkv',
      'Frieren/[SubsPlease] Sousou no Frieren - 10 (1080p).mkv',
      path.join(other, 'sousou no frieren - 01.mkv'),
      'Frieren/Specials/[SubsPlease] Sousou no Frieren - 01 (1080p).mkv',
      'Frieren/[SubsPlease] Sousou no Frieren - NCOP (1080p).mkv',
      '[SubsPlease] Dandadan - 01 (1080p).mkv',
    ]);
    expect(series.map((entry) => `${entry.title}: ${entry.episodeCount}`)).toEqual(['Dandadan: 1', 'Sousou no Frieren: 3']);
    const frieren = series[1];
    expect(frieren?.episodes.map((episode) => `${episode.kind} ${episode.episode}`)).toEqual(['episode 1', 'episode 2', 'episode 10', 'special 1', 'ncop null']);
  });

  it('keeps seasons apart', () => {
    const { series } = catalogue(['Oshi no Ko - 01.mkv', 'Oshi no Ko S2 - 01.mkv', 'Oshi no Ko/Season 2/Oshi no Ko - 02.mkv']);
    expect(series.map((entry) => [entry.title, entry.season, entry.episodeCount])).toEqual([
      ['Oshi no Ko', null, 1],
      ['Oshi no Ko', 2, 2],
    ]);
  });

  it('keeps both releases of an episode and prefers the higher resolution, then the later version', () => {
    const { series } = catalogue(['[A] Show - 01 (720p).mkv', '[B] Show - 01 (1080p).mkv', '[A] Show - 02 (1080p).mkv', '[A] Show - 02v2 (1080p).mkv']);
    const episodes = series[0]?.episodes ?? [];
    const preferred = (name: string) => episodes.find((episode) => episode.fileName === name);
    expect(preferred('[A] Show - 01 (720p).mkv')?.duplicateOf).toBe(path.join(root, '[B] Show - 01 (1080p).mkv'));
    expect(preferred('[B] Show - 01 (1080p).mkv')?.duplicateOf).toBeNull();
    expect(preferred('[A] Show - 02 (1080p).mkv')?.duplicateOf).toBe(path.join(root, '[A] Show - 02v2 (1080p).mkv'));
    expect(series[0]?.episodeCount).toBe(2);
  });

  it('offers the next episode, skipping duplicates and specials, and fills "Continue watching"', () => {
    const file = (name: string) => path.join(root, name);
    const names = ['Show - 01.mkv', 'Show - 02 (1080p).mkv', 'Show - 02 (480p).mkv', 'Show - 03.mkv', 'Show - SP1.mkv', 'Other - 01.mkv', 'Other - 02.mkv'];
    const { series, continueWatching } = catalogue(names, {
      [file('Show - 01.mkv')]: { position: 1400, duration: 1420, watched: true, lastPlayedAt: 100 },
      [file('Other - 01.mkv')]: { position: 300, duration: 1420, watched: false, lastPlayedAt: 200 },
    });
    const show = series.find((entry) => entry.title === 'Show');
    if (!show) throw new Error('no series');
    expect(nextEpisode(show, file('Show - 01.mkv'))?.fileName).toBe('Show - 02 (1080p).mkv');
    expect(nextEpisode(show, file('Show - 03.mkv'))).toBeNull();
    expect(show.watchedCount).toBe(1);
    expect(continueWatching).toEqual([
      { seriesKey: 'other', episodeId: file('Other - 01.mkv'), reason: 'resume' },
      { seriesKey: 'show', episodeId: file('Show - 02 (1080p).mkv'), reason: 'next' },
    ]);
  });

  it('keeps files that cannot be played out of the count, the next episode and "Continue watching", with the reason', () => {
    const file = (name: string) => path.join(root, name);
    const { series, continueWatching } = catalogue(
      ['Show - 01.mkv', 'Show - 02.mkv', 'Show - 03.mkv', 'Show - 04.mkv'],
      { [file('Show - 01.mkv')]: { position: 1400, duration: 1420, watched: true, lastPlayedAt: 100 } },
      { [file('Show - 02.mkv')]: 'This file is not a video Kirei can read.' },
    );
    const show = series[0];
    if (!show) throw new Error('no series');
    expect(show.episodeCount).toBe(3);
    expect(show.episodes.find((episode) => episode.episode === 2)?.problem).toBe('This file is not a video Kirei can read.');
    expect(nextEpisode(show, file('Show - 01.mkv'))?.episode).toBe(3);
    expect(continueWatching).toEqual([{ seriesKey: 'show', episodeId: file('Show - 03.mkv'), reason: 'next' }]);
  });

  it('puts a Specials folder under the library folder’s own show, not in a series called Specials', () => {
    const showRoot = path.join(path.sep, 'anime', 'Bocchi the Rock!');
    const { series } = catalogue(
      [path.join(showRoot, 'Bocchi the Rock! - 01.mkv'), path.join(showRoot, 'Specials', 'NCOP.mkv'), path.join(showRoot, 'Specials', '01.mkv')],
      {},
      {},
      [showRoot],
    );
    expect(series.map((entry) => [entry.title, entry.episodeCount, entry.episodes.length])).toEqual([['Bocchi the Rock!', 1, 3]]);
  });
});
