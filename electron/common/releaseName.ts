/**
 * Anime release names → what a library needs: title, season, episode (ranges, decimals, versions),
 * kind (episode, special, OVA, OAD, NCOP, NCED, movie, extra), group, resolution, source, codec, CRC.
 * Table-driven: each pattern below is one convention seen in real releases, tried in order.
 */

export const releaseKinds = ['episode', 'special', 'ova', 'oad', 'ncop', 'nced', 'movie', 'extra'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];

export interface ParsedRelease {
  title: string;
  season: number | null;
  episode: number | null;
  /** Last episode of a file that holds several ("01-02", "01 ~ 26"). */
  episodeEnd: number | null;
  version: number | null;
  kind: ReleaseKind;
  group: string | null;
  resolution: string | null;
  source: string | null;
  videoCodec: string | null;
  crc: string | null;
  year: number | null;
}

const videoExtension = /\.(mkv|mp4|m4v|webm|avi|mov|ts|m2ts|wmv|flv|ogm)$/i;

/** Tokens that describe the file, not the show; the first one ends the title. */
const metadataPatterns: { field: 'resolution' | 'source' | 'videoCodec' | 'audio' | 'other'; pattern: RegExp; normalise?: (match: string) => string }[] = [
  { field: 'resolution', pattern: /^(?:\d{3,4}[pi]|\d{3,4}x\d{3,4}|4k|2160p|uhd)$/i, normalise: normaliseResolution },
  {
    field: 'source',
    pattern: /^(?:blu-?ray|bd(?:rip|mv|remux)?|bdremux|web-?dl|web-?rip|web|hdtv(?:rip)?|dvd(?:rip|-?r)?|tv(?:rip)?)$/i,
  },
  { field: 'videoCodec', pattern: /^(?:[xh]\.?26[45]|hevc(?:-10bit)?|avc|av1|vp9|xvid|divx|hi10p?|10-?bits?|8-?bits?|hevc2?|h\.?265|main10)$/i },
  { field: 'audio', pattern: /^(?:aac(?:2\.0|5\.1)?|flac(?:x\d)?|opus|ac-?3|e-?ac-?3|ddp?(?:\d\.\d)?|dts(?:-?hd(?:ma)?)?|truehd|mp3|dual[ -]?audio|multi[ -]?audio|2\.0|5\.1|7\.1)$/i },
  {
    field: 'other',
    // Streaming services, languages, packaging: known words that say nothing the library keeps.
    pattern: /^(?:amzn|cr|nf|dsnp|hidive|b-global|baha|abema|adn|funi|atmos|dv|hdr|hdr10|dual|multi(?:ple)?[ -]?sub(?:titles?|s)?|multisub|eng(?:lish)?[ -]?subs?|vostfr|raw|uncensored|uncut|batch|complete|remastered|repack|proper|v\d|end|final|hardsub|softsub|mkv|mp4|chs|cht|gb|big5|jpsc|jptc|sc|tc)$/i,
  },
];

function normaliseResolution(value: string): string {
  const lower = value.toLowerCase();
  if (lower === '4k' || lower === 'uhd') return '2160p';
  const size = /^(\d{3,4})x(\d{3,4})$/.exec(lower);
  if (size?.[2]) return `${size[2]}p`;
  return lower.replace(/i$/, 'p');
}

function metadataField(token: string): { field: string; value: string } | null {
  for (const { field, pattern, normalise } of metadataPatterns) {
    if (pattern.test(token)) return { field, value: normalise ? normalise(token) : token };
  }
  return null;
}

/** Non-episode kinds, by the words releases use for them. */
const kindWords: { kind: ReleaseKind; pattern: RegExp }[] = [
  { kind: 'ncop', pattern: /\b(?:NC[ _-]?OP|Creditless[ _-]?(?:OP|Opening))(?:[ _-]?(\d+))?\b/i },
  { kind: 'nced', pattern: /\b(?:NC[ _-]?ED|Creditless[ _-]?(?:ED|Ending))(?:[ _-]?(\d+))?\b/i },
  { kind: 'ova', pattern: /\bOVA(?:[ _-]?(\d+))?\b/i },
  { kind: 'oad', pattern: /\bOAD(?:[ _-]?(\d+))?\b/i },
  { kind: 'movie', pattern: /\b(?:The Movie|Movie|Gekijou?ban)(?:[ _-]?(\d+))?\b|劇場版/i },
  { kind: 'special', pattern: /\b(?:Specials?|SP)(?:[ _-]?(\d+))?\b|特別編|特典/i },
  { kind: 'extra', pattern: /\b(?:PV|CM|Preview|Trailer|Teaser|Menu|Bonus|Extras?)(?:[ _-]?(\d+))?\b/i },
];

const ordinalSeason = /\b(\d+)(?:st|nd|rd|th)[ _.-]?Season\b/i;
const wordSeason = /\bSeason[ _.-]?(\d+)\b/i;
const shortSeason = /(?:^|[ _.-])S(\d{1,2})(?=$|[ _.-])/i;
const japaneseSeason = /第(\d+)期/;

/** Episode conventions, most specific first. */
const episodePatterns: RegExp[] = [
  // S01E05, S01E05v2, S01E05-E06, S01E12.5
  /(?:^|[ _.\-[(])S(?<season>\d{1,2})[ _.]?E(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?:[-~]E?(?<end>\d{1,4}))?(?=$|[ _.\-\])])/i,
  // 2x05
  /(?:^|[ _.\-[])(?<season>\d{1,2})x(?<episode>\d{2,3})(?=$|[ _.\-\]])/i,
  // 第03話, 第3集
  /第(?<episode>\d+(?:\.\d)?)[話话集]/,
  // Episode 5, Ep05, EP.05, E05
  /(?:^|[ _.\-[])(?:Episode|Ep\.?|E)[ _]?(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?:[-~](?<end>\d{1,4}))?(?=$|[ _.\-\])])/i,
  // " - 05", " - 12.5", " - 01v2", " - 01 ~ 26", " - 01-02"
  /[ _]-[ _]+(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?[α-ω]?(?:[ _]*[-~][ _]*(?<end>\d{1,4}))?(?=$|[ _.([]|[ _]-)/,
  // "[05]", "[05v2]"
  /\[(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?\]/,
  // A name that is only the number, or starts with it: "01", "03 - Episode title"
  /^(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?=$| - )/,
  // A trailing number: "Title 05", "Title 05v2", "Title 01-02"
  /[ _.](?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?:[-~](?<end>\d{1,4}))?[ _.]*$/,
];

export function parseReleaseName(fileName: string, folders: string[] = []): ParsedRelease {
  const result: ParsedRelease = {
    title: '',
    season: null,
    episode: null,
    episodeEnd: null,
    version: null,
    kind: 'episode',
    group: null,
    resolution: null,
    source: null,
    videoCodec: null,
    crc: null,
    year: null,
  };
  let text = fileName.replace(videoExtension, '').normalize('NFC');

  // A leading [Group] or 【Group】.
  const leading = /^\s*[[【]([^\]】]+)[\]】]\s*/.exec(text);
  const leadingText = leading?.[1]?.trim() ?? '';
  if (leading && leadingText && metadataField(leadingText)?.field !== 'resolution' && !/^\d+$|^[0-9A-F]{8}$/i.test(leadingText)) {
    result.group = leadingText;
    text = text.slice(leading[0].length);
  }

  // Bracketed tags: metadata, CRC, or an episode number in brackets.
  const original = text;
  text = text.replace(/[[(【]([^\])】]*)[\])】]/g, (whole, inner: string, offset: number) => {
    const tokens = inner
      .split(/[ _,]+/)
      .filter(Boolean)
      .flatMap((token) => (metadataField(token) ? [token] : token.split('-')));
    const crc = /^[0-9A-F]{8}$/i.exec(inner.trim());
    if (crc) {
      result.crc = inner.trim().toUpperCase();
      return ' ';
    }
    const year = /^(19[5-9]\d|20[0-4]\d)$/.exec(inner.trim());
    if (year?.[1]) {
      result.year = Number(year[1]);
      return ' ';
    }
    const known = tokens.map((token) => metadataField(token));
    if (tokens.length > 0 && known.some(Boolean)) {
      known.forEach((entry) => entry && assignMetadata(result, entry));
      return ' ';
    }
    const season = wordSeason.exec(inner) ?? ordinalSeason.exec(inner);
    if (season?.[1]) {
      result.season = Number(season[1]);
      return ' ';
    }
    // Keep episode-like brackets ("[05]") and words for the patterns below; drop the rest.
    if (/^\d{1,4}(?:\.\d)?(?:v\d)?$/.test(inner.trim())) return whole;
    // "[Group][Title][01]": a bracket before any plain text holds the title.
    if (/^(?:\s*[[(【][^\])】]*[\])】])*\s*$/.test(original.slice(0, offset))) return ` ${inner} `;
    return /^(?:OVA|OAD|NCOP\d*|NCED\d*|SP\d*|Specials?|Movie|PV|Menu)$/i.test(inner.trim()) ? ` ${inner} ` : ' ';
  });

  // Scene style "Title.S01E03.1080p.BluRay.x264-GROUP": the group trails after a dash.
  const dotted = !/ /.test(text.trim()) && (text.match(/\./g) ?? []).length >= 2;
  if (dotted) {
    const trailing = /-([A-Za-z0-9]+)$/.exec(text.trim());
    const lastToken = text.trim().split('.').pop() ?? '';
    if (trailing?.[1] && !result.group && !metadataField(trailing[1]) && !metadataField(lastToken)) {
      result.group = trailing[1];
      text = text.trim().slice(0, -trailing[0].length);
    }
    // Dots separate words, except in "12.5" or "AAC2.0": a digit, the dot, one digit.
    text = text.replace(/(?<!\d)\.|\.(?!\d(?!\d))/g, ' ');
  }
  text = text.replace(/_/g, ' ');

  // Loose metadata words end the title region ("Title S01E03 1080p WEB-DL ...").
  const words = text.split(/\s+/).filter(Boolean);
  let cut = words.length;
  words.forEach((word, index) => {
    const entry = metadataField(word) ?? metadataField(word.replace(/-\w+$/, ''));
    if (!entry) return;
    if (entry.field === 'other' && /^v\d$|^end$|^final$/i.test(word)) return;
    assignMetadata(result, entry);
    if (index < cut && index > 0) cut = index;
  });
  text = words.slice(0, cut).join(' ');

  // Season words anywhere in the name.
  for (const pattern of [ordinalSeason, wordSeason, japaneseSeason]) {
    const match = pattern.exec(text);
    if (match?.[1]) {
      result.season = Number(match[1]);
      text = text.replace(match[0], ' ');
      break;
    }
  }

  // Non-episode kinds: the title comes before the word, an episode number may follow it.
  let episodeText = text;
  for (const { kind, pattern } of kindWords) {
    const match = pattern.exec(text);
    if (!match) continue;
    result.kind = kind;
    if (match[1]) result.episode = Number(match[1]);
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (before.trim()) {
      text = before;
      episodeText = after;
    } else {
      text = after;
      episodeText = '';
    }
    break;
  }

  // The episode; the title is what comes before it, an episode title may follow it.
  for (const pattern of result.episode === null ? episodePatterns : []) {
    const inKindText = episodeText !== text;
    const match = pattern.exec(inKindText ? episodeText : text);
    const groups = match?.groups;
    if (!match || !groups?.['episode']) continue;
    const episode = Number(groups['episode']);
    // A year or a resolution-like number is not an episode.
    if (/^(19[5-9]\d|20[0-4]\d)$/.test(groups['episode']) && !groups['season']) continue;
    result.episode = episode;
    if (groups['season']) result.season = Number(groups['season']);
    if (groups['version']) result.version = Number(groups['version']);
    if (groups['end'] && Number(groups['end']) > episode) result.episodeEnd = Number(groups['end']);
    if (!inKindText) text = text.slice(0, match.index);
    break;
  }

  const shortSeasonMatch = shortSeason.exec(text);
  if (shortSeasonMatch?.[1] && result.season === null) {
    result.season = Number(shortSeasonMatch[1]);
    text = text.replace(shortSeasonMatch[0], ' ');
  }
  const version = /\bv(\d)\b/i.exec(text);
  if (version?.[1] && result.version === null) {
    result.version = Number(version[1]);
    text = text.replace(version[0], ' ');
  }

  // A year in the title region: "(2019)" was taken above; a bare one before the episode in scene names.
  const bareYear = /\s(19[5-9]\d|20[0-4]\d)\s*$/.exec(text);
  if (bareYear?.[1] && result.year === null && dotted) {
    result.year = Number(bareYear[1]);
    text = text.slice(0, bareYear.index);
  }

  result.title = cleanTitle(text);
  applyFolders(result, folders);
  // A file named by its title alone is a film; with nothing at all it is some extra.
  if (result.kind === 'episode' && result.episode === null) result.kind = result.title ? 'movie' : 'extra';
  return result;
}

function assignMetadata(result: ParsedRelease, entry: { field: string; value: string }): void {
  if (entry.field === 'resolution') result.resolution ??= entry.value;
  else if (entry.field === 'source') result.source ??= entry.value;
  else if (entry.field === 'videoCodec') result.videoCodec ??= entry.value;
}

function cleanTitle(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–~:|]+|[\s\-–~:|,]+$/g, '')
    .trim();
}

/** Season folders, "Specials/" folders, and a title from the folder when the file has none. */
function applyFolders(result: ParsedRelease, folders: string[]): void {
  const nearest = [...folders].reverse();
  for (const folder of nearest) {
    if (/^(?:Specials?|SP|Extras?|Bonus|OVAs?|NC|NCOP|NCED|Creditless)$/i.test(folder.trim())) {
      if (result.kind === 'episode') result.kind = /^OVAs?$/i.test(folder.trim()) ? 'ova' : /^NC/i.test(folder.trim()) || /Creditless/i.test(folder) ? 'extra' : 'special';
      continue;
    }
    const season = /^(?:Season|S)[ _.-]?(\d{1,2})$/i.exec(folder.trim()) ?? ordinalSeason.exec(folder);
    if (season?.[1]) {
      result.season ??= Number(season[1]);
      continue;
    }
    if (!result.title) {
      const parent = parseReleaseName(folder);
      result.title = parent.title;
      result.season ??= parent.season;
      result.group ??= parent.group;
    }
    break;
  }
}

/** The key that groups files into series: case, punctuation and spacing do not matter. */
export function seriesKey(title: string, season: number | null): string {
  const base = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return season && season > 1 ? `${base} s${season}` : base;
}
