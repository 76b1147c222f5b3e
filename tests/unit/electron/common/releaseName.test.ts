import { describe, expect, it } from 'vitest';
import { parseReleaseName, seriesKey } from '../../../../electron/common/releaseName';
import { publicReleaseNames, sameTitle } from '../../../fixtures/publicReleaseNames';
import { releaseNameCases } from '../../../fixtures/releaseNames';

describe('parseReleaseName', () => {
  it('has a table of at least 200 real-world names', () => {
    expect(releaseNameCases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(releaseNameCases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const parsed = parseReleaseName(name, entry.folders);
    const picked = Object.fromEntries(Object.keys(entry.expected).map((key) => [key, parsed[key as keyof typeof parsed]]));
    expect({ kind: parsed.kind, ...picked }).toEqual({ kind: 'episode', ...entry.expected });
  });
});

describe('seriesKey', () => {
  it('ignores case, punctuation and spacing, and keeps seasons apart', () => {
    expect(seriesKey('Sousou no Frieren', null)).toBe(seriesKey('sousou  no frieren', 1));
    expect(seriesKey("Frieren Beyond Journey's End", null)).toBe(seriesKey('Frieren Beyond Journeys End', null));
    expect(seriesKey('Oshi no Ko', 2)).not.toBe(seriesKey('Oshi no Ko', 1));
    expect(seriesKey('Ｋ－ＯＮ!!', null)).toBe(seriesKey('K-ON', null));
  });
});

describe('parseReleaseName on names from other parsers’ public test data', () => {
  const results = publicReleaseNames.map(([name, title, episode]) => {
    const parsed = parseReleaseName(name);
    return { name, parsed, titleRight: title === undefined ? null : sameTitle(parsed.title, title), episodeRight: parsed.episode === episode };
  });

  it('reads the title and the episode of at least 93 % of them (the rest are listed)', () => {
    const titled = results.filter((result) => result.titleRight !== null);
    const titles = titled.filter((result) => result.titleRight).length / titled.length;
    const episodes = results.filter((result) => result.episodeRight).length / results.length;
    const wrong = results.filter((result) => result.titleRight === false || !result.episodeRight);
    console.log(`${publicReleaseNames.length} names: title ${(titles * 100).toFixed(1)} %, episode ${(episodes * 100).toFixed(1)} %; read otherwise:\n${wrong.map((result) => `  ${result.name} → "${result.parsed.title}" ${result.parsed.episode}`).join('\n')}`);
    expect(titles).toBeGreaterThanOrEqual(0.93);
    expect(episodes).toBeGreaterThanOrEqual(0.93);
  });
});
