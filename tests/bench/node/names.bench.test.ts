import { parse as anitomyParse } from 'anitomy';
import { it } from 'vitest';
import type { ParsedRelease } from '../../../electron/common/releaseName';
import { parseReleaseName } from '../../../electron/common/releaseName';
import { publicReleaseNames, sameTitle } from '../../fixtures/publicReleaseNames';
import { releaseNameCases } from '../../fixtures/releaseNames';

type Fields = Pick<ParsedRelease, 'title' | 'season' | 'episode' | 'episodeEnd' | 'version' | 'group' | 'resolution' | 'crc'>;
const fields: (keyof Fields)[] = ['title', 'season', 'episode', 'episodeEnd', 'version', 'group', 'resolution', 'crc'];

/** The `anitomy` TypeScript port, mapped onto the same fields (file names only: it reads no folders). */
function viaAnitomy(name: string): Partial<Fields> {
  const parsed = anitomyParse(name);
  if (!parsed) return {};
  const resolution = parsed.video.resolution?.toLowerCase() ?? null;
  return {
    title: parsed.title ?? '',
    season: parsed.season ? Number(parsed.season) : null,
    episode: parsed.episode.number ?? null,
    episodeEnd: parsed.episode.numberAlt ?? null,
    version: parsed.release.version ?? null,
    group: parsed.release.group ?? null,
    resolution: resolution && /x(\d+)$/.test(resolution) ? `${/x(\d+)$/.exec(resolution)?.[1]}p` : resolution,
    crc: parsed.file.checksum?.toUpperCase() ?? null,
  };
}

function score(parse: (name: string, folders?: string[]) => Partial<Fields>) {
  const perField = new Map<string, { right: number; total: number }>();
  let wholeNames = 0;
  for (const entry of releaseNameCases) {
    const parsed = parse(entry.name, entry.folders);
    let allRight = true;
    for (const field of fields) {
      if (!(field in entry.expected)) continue;
      const tally = perField.get(field) ?? { right: 0, total: 0 };
      tally.total++;
      if (JSON.stringify(parsed[field] ?? null) === JSON.stringify(entry.expected[field] ?? null)) tally.right++;
      else allRight = false;
      perField.set(field, tally);
    }
    if (allRight) wholeNames++;
  }
  return { perField, wholeNames };
}

it(`release-name accuracy on ${releaseNameCases.length} real-world names`, () => {
  const ours = score((name, folders) => parseReleaseName(name, folders));
  const peer = score((name) => viaAnitomy(name));
  const percent = (right: number, total: number) => `${((100 * right) / Math.max(1, total)).toFixed(1)} %`;
  const lines = ['| field | names | Kirei | anitomy 0.0.35 |', '|---|---:|---:|---:|'];
  for (const field of fields) {
    const mine = ours.perField.get(field);
    const theirs = peer.perField.get(field);
    if (!mine || !theirs) continue;
    lines.push(`| ${field} | ${mine.total} | ${percent(mine.right, mine.total)} | ${percent(theirs.right, theirs.total)} |`);
  }
  const total = releaseNameCases.length;
  lines.push(`| every field of the name right | ${total} | ${percent(ours.wholeNames, total)} | ${percent(peer.wholeNames, total)} |`);
  console.log(lines.join('\n'));
});

it(`title and episode on ${publicReleaseNames.length} names from other parsers’ public test data`, () => {
  const sources = [
    { name: 'Kirei', parse: (name: string) => parseReleaseName(name) },
    { name: 'anitomy 0.0.35', parse: (name: string) => viaAnitomy(name) },
  ];
  const lines = ['| parser | title right | episode right |', '|---|---:|---:|'];
  for (const { name, parse } of sources) {
    let titles = 0;
    let titled = 0;
    let episodes = 0;
    for (const [fileName, title, episode] of publicReleaseNames) {
      const parsed = parse(fileName);
      if (title !== undefined) {
        titled++;
        if (sameTitle(parsed.title ?? '', title)) titles++;
      }
      if ((parsed.episode ?? null) === episode) episodes++;
    }
    lines.push(`| ${name} | ${((100 * titles) / titled).toFixed(1)} % of ${titled} | ${((100 * episodes) / publicReleaseNames.length).toFixed(1)} % of ${publicReleaseNames.length} |`);
  }
  console.log(lines.join('\n'));
});
