import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseReleaseName, releaseKinds, seriesKey } from '../../../electron/common/releaseName';
import { describeSuffix } from '../../../electron/node/subtitles/sidecars';
import { check, hostileText } from './fuzzConfig';

const finiteOrNull = (value: number | null) => value === null || Number.isFinite(value);

describe('fuzz: names from the file system', () => {
  it('reads any release name without throwing, into well-formed fields', async () => {
    await check(
      'release names',
      fc.property(hostileText, fc.array(hostileText, { maxLength: 3 }), (name, folders) => {
        const parsed = parseReleaseName(name, folders);
        if (typeof parsed.title !== 'string' || !releaseKinds.includes(parsed.kind)) return false;
        if (![parsed.season, parsed.episode, parsed.episodeEnd, parsed.version, parsed.year].every(finiteOrNull)) return false;
        if (parsed.episode !== null && parsed.episode < 0) return false;
        if (parsed.episodeEnd !== null && (parsed.episode === null || parsed.episodeEnd < parsed.episode)) return false;
        return typeof seriesKey(parsed.title, parsed.season) === 'string';
      }),
    );
  });

  it('reads any sidecar suffix into a language, a title and flags', async () => {
    await check(
      'sidecar names',
      fc.property(hostileText, (suffix) => {
        const described = describeSuffix(suffix);
        return (described.language === null || /^[a-z]{2}(-[A-Za-z0-9]+)?$/.test(described.language)) && (described.title === null || described.title.length > 0) && typeof described.isForced === 'boolean';
      }),
    );
  });
});
