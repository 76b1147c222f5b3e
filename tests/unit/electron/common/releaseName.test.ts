import { describe, expect, it } from 'vitest';
import { parseReleaseName, seriesKey } from '../../../../electron/common/releaseName';
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
