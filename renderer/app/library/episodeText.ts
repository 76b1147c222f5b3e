import type { LibraryEpisode, LibrarySeries } from '../../../electron/common/library';

const kindLabels: Record<LibraryEpisode['kind'], string> = {
  episode: 'Episode',
  special: 'Special',
  ova: 'OVA',
  oad: 'OAD',
  ncop: 'Creditless opening',
  nced: 'Creditless ending',
  movie: 'Film',
  extra: 'Extra',
};

/** "Episode 3", "Episode 1–2", "Special 1", "Film". */
export function episodeLabel(episode: Pick<LibraryEpisode, 'kind' | 'episode' | 'episodeEnd'>): string {
  const number = episode.episode === null ? '' : ` ${episode.episode}${episode.episodeEnd ? `–${episode.episodeEnd}` : ''}`;
  return `${kindLabels[episode.kind]}${number}`;
}

/**
 * What a series card says under its title: "3 / 12 watched" for a series with episodes, else
 * what it holds ("1 film", "2 specials"), and how many files cannot be played.
 */
export function seriesSummary(series: LibrarySeries): string {
  const broken = series.episodes.filter((episode) => episode.problem !== null).length;
  let summary: string;
  if (series.episodeCount > 0) summary = `${series.watchedCount} / ${series.episodeCount} watched`;
  else {
    const kinds = new Map<string, number>();
    for (const episode of series.episodes) if (episode.problem === null) kinds.set(episode.kind, (kinds.get(episode.kind) ?? 0) + 1);
    const names: Record<string, [string, string]> = {
      movie: ['film', 'films'],
      special: ['special', 'specials'],
      ova: ['OVA', 'OVAs'],
      oad: ['OAD', 'OADs'],
      ncop: ['creditless opening', 'creditless openings'],
      nced: ['creditless ending', 'creditless endings'],
      extra: ['extra', 'extras'],
    };
    summary = [...kinds.entries()].map(([kind, count]) => `${count} ${names[kind]?.[count === 1 ? 0 : 1] ?? kind}`).join(', ') || 'Nothing playable';
  }
  return broken > 0 ? `${summary} · ${broken} cannot be played` : summary;
}
