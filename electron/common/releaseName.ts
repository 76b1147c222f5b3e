/**
 * Anime release names → what a library needs: title, season, episode (ranges, decimals, versions),
 * kind (episode, special, OVA, OAD, NCOP, NCED, movie, extra), group, resolution, source, codec, CRC.
 * The name is read in steps, each one convention of real releases (releaseNameRules.ts holds the
 * tables): tidy the separators, take the group, read the bracketed tags, cut the title where the
 * file's own description begins, then find the episode.
 */
import type { MetadataField, ReleaseKind } from './releaseNameRules';
import {
  releaseKinds,
  episodePatterns,
  japaneseSeason,
  kindWords,
  metadataField,
  ordinalSeason,
  ordinalWords,
  shortSeason,
  videoExtension,
  wordOrdinalSeason,
  wordSeason,
} from './releaseNameRules';

export { releaseKinds };
export type { ReleaseKind };

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
  /** The episode's own title when the name carries one ("03 - The Journey's End"). */
  episodeTitle: string | null;
}

/** Where the file's description begins (a bracket of tags): the title ends before it. */
const tagMark = '\u0001';
/** Holds a space inside a title ("No. 8") through the steps that split words. */
const heldSpace = '\ue000';
/** Stand-ins for brackets that belong to a title ("(Not)", "[Locodol]"), put back when the title is cleaned. */
const heldBrackets: [string, string][] = [
  ['\ue001', '('],
  ['\ue002', ')'],
  ['\ue003', '['],
  ['\ue004', ']'],
];

/** Unicode dashes and full-width brackets as the ASCII ones the rules are written with; separators at the ends dropped. */
function tidy(fileName: string): string {
  let text = fileName.replace(videoExtension, '').normalize('NFC');
  text = text.replace(/[（［]/g, (bracket) => (bracket === '（' ? '(' : '[')).replace(/[）］]/g, (bracket) => (bracket === '）' ? ')' : ']'));
  text = text.replace(/ [‐‑‒–—―] /g, ' - ');
  // "Title (…) | Another title": the first is the one the release goes by.
  text = text.split(/\s\|\s/)[0] ?? text;
  // A group tag typed with the wrong bracket: "]Group] Title"; or in braces: "{Group}_Title".
  text = text.replace(/^\s*\](?=[^\][]+\])/, '[').replace(/^\s*\{([^{}]+)\}/, '[$1]');
  // "[24(END)]": the last episode, said inside its bracket.
  text = text.replace(/\((?:END|FINAL|FIN)\)/gi, '');
  // An episode marked as re-cut with a prime: "12'" is episode 12.
  text = text.replace(/(?<=\d)'(?=$|[ _.([\]])/g, '');
  // Something before the group tag: "37 [Group] Title", "Site.[Group]_Title", "__Title".
  text = text.replace(/^(?:\d{1,4}\s+|[A-Za-z]{2,12}\.)(?=\[[^\]]+\])/, '');
  return text.replace(/^[\s_.]+/, '');
}

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
    episodeTitle: null,
  };
  let text = tidy(fileName);

  // A leading [Group] or 【Group】; a leading long number in brackets is an index, not a group.
  const leading = /^\s*[[【]([^\]】]+)[\]】]\s*/.exec(text);
  const leadingText = leading?.[1]?.trim() ?? '';
  if (leading && leadingText && metadataField(leadingText)?.field !== 'resolution' && !/^\d+$|^[0-9A-F]{8}$/i.test(leadingText)) {
    result.group = leadingText;
    text = text.slice(leading[0].length);
  } else if (leading && /^\d{4,}$/.test(leadingText) && text.slice(leading[0].length).trim()) {
    text = text.slice(leading[0].length);
  }

  // Scene style when dots are the only separators outside brackets ("[Group].Show.Name.-.02.5.(Special).[BD]").
  const outsideBrackets = text.replace(/\[[^\]]*\]|\([^)]*\)|【[^】]*】/g, '').trim();
  const dotted = !/ /.test(outsideBrackets) && (outsideBrackets.match(/\./g) ?? []).length >= 2;
  const fallback = { episode: null as number | null };
  text = readBrackets(text, result, fallback);
  text = separateWords(text, dotted, result);
  text = takeSeasonMarks(text, result);

  // The title ends where the tags begin; what follows may still hold the episode or the group.
  const tagAt = text.indexOf(tagMark);
  const head = tagAt > 0 && /\p{L}|\d/u.test(text.slice(0, tagAt)) ? text.slice(0, tagAt) : text.replaceAll(tagMark, ' ');
  const tail = head.length < text.length ? text.slice(tagAt + 1).replaceAll(tagMark, ' ') : '';
  text = cutAtLooseMetadata(head, result);

  for (const pattern of [ordinalSeason, wordSeason, japaneseSeason, wordOrdinalSeason]) {
    const match = pattern.exec(text);
    if (!match?.[1]) continue;
    result.season = pattern === wordOrdinalSeason ? ordinalWords.indexOf(match[1].toLowerCase()) + 1 : Number(match[1]);
    text = text.replace(match[0], ' ');
    break;
  }

  text = findEpisode(text, tail, tagAt > 0, result);
  if (result.episode === null && fallback.episode !== null) result.episode = fallback.episode;
  text = takeShortSeason(text, result);
  const version = /\bv(\d)\b/i.exec(text);
  if (version?.[1] && result.version === null) {
    result.version = Number(version[1]);
    text = text.replace(version[0], ' ');
  }
  // A year in the title region: "(2019)" was taken with the brackets; a bare one before the episode in scene names.
  const bareYear = /\s(19[5-9]\d|20[0-4]\d)\s*$/.exec(text);
  if (bareYear?.[1] && result.year === null && dotted) {
    result.year = Number(bareYear[1]);
    text = text.slice(0, bareYear.index);
  }
  const trailingGroup = /^\s*-\s*([\p{L}\d][\p{L}\d.&' -]{0,30}?)\s*$/u.exec(tail);
  if (!result.group && trailingGroup?.[1] && !metadataField(trailingGroup[1])) result.group = trailingGroup[1];

  result.title = cleanTitle(text);
  // "[Title][07][720p]", "[Keroro].148.[XviD]": the only bracket before the tags held the title, not a group.
  if (!result.title && !result.episodeTitle && result.group && !folders.length) {
    result.title = cleanTitle(cutAtLooseMetadata(result.group.replace(/[._]/g, ' '), result));
    result.group = null;
  }
  applyFolders(result, folders);
  // A file named by its title alone is a film; with nothing at all it is some extra.
  if (result.kind === 'episode' && result.episode === null) result.kind = result.title ? 'movie' : 'extra';
  return result;
}

/**
 * Bracketed parts, innermost first: tags (marked as where the title ends), CRC, year, season,
 * "[01_of_24]", episode numbers, the title of an all-bracket name, and words that belong to the
 * title ("You Are (Not) Alone"). Anything else in brackets says nothing the library keeps.
 */
function readBrackets(text: string, result: ParsedRelease, fallback: { episode: number | null }): string {
  let previous = '';
  let current = text;
  // Innermost first: "(BD 1280x720 AVC [5.1+2.0])" holds a bracket of its own.
  while (previous !== current) {
    previous = current;
    current = current.replace(/\[([^[\]()]*)\]|\(([^[\]()]*)\)|【([^【】]*)】/g, (whole, square: string | undefined, round: string | undefined, corner: string | undefined, offset: number, all: string) =>
      readBracket({ whole, inner: (square ?? round ?? corner ?? '').trim(), round: round !== undefined, before: all.slice(0, offset), after: all.slice(offset + whole.length) }, result, fallback),
    );
  }
  // A bracket never closed ("(BD Remux 1080p … | Other title" cut short) begins the tags.
  return current.replace(/[([【](?![^)\]】]*[)\]】])/g, ` ${tagMark} `);
}

function readBracket(
  bracket: { whole: string; inner: string; round: boolean; before: string; after: string },
  result: ParsedRelease,
  fallback: { episode: number | null },
): string {
  const { whole, inner, before, after } = bracket;
  // "[01_of_24]", "[Ep.24]": the episode (out of a count).
  const numbered = /^(\d{1,4})[ _]*of[ _]*\d{1,4}$/i.exec(inner) ?? /^(?:Ep\.?|Episode|#)[ _.]?(\d{1,4})$/i.exec(inner);
  if (numbered?.[1]) return ` [${numbered[1]}] `;
  if (/^(?:tv|web|raw)$/i.test(inner)) return ' ';
  if (/^[0-9A-F]{8}$/i.test(inner)) {
    result.crc = inner.toUpperCase();
    return ' ';
  }
  const year = /^(19[5-9]\d|20[0-4]\d)(?:[-~](?:19|20)\d\d)?$/.exec(inner);
  if (year?.[1]) {
    result.year = Number(year[1]);
    return ' ';
  }
  const tokens = inner
    .split(/[ _,+]+/)
    .filter(Boolean)
    .flatMap((token) => (metadataField(token) ? [token] : token.split(/[-.]/)));
  const known = tokens.map((token) => metadataField(token));
  if (tokens.length > 0 && known.some(Boolean)) {
    for (const entry of known) if (entry) assignMetadata(result, entry.field, entry.value);
    return ` ${tagMark} `;
  }
  const season = wordSeason.exec(inner) ?? ordinalSeason.exec(inner);
  if (season?.[1] && inner.length < 24) {
    result.season = Number(season[1]);
    return ' ';
  }
  const seasonInWords = wordOrdinalSeason.exec(inner);
  if (seasonInWords?.[1] && inner.length < 24) {
    result.season = ordinalWords.indexOf(seasonInWords[1].toLowerCase()) + 1;
    return ' ';
  }
  // "[720]" where the name gives no other resolution: the picture's height, not episode 720.
  if (/^(?:480|576|720|1080|2160)$/.test(inner) && !/\d{3,4}[pi]\b|\d{3,4}x\d{3,4}/i.test(before + after)) {
    assignMetadata(result, 'resolution', `${inner}p`);
    return ` ${tagMark} `;
  }
  // Episode-like brackets ("[05]", "[01-04]") stay for the patterns; "(1)", "(01 - 12)" only count when nothing else does.
  if (/^\d{1,4}(?:\.\d)?(?:v\d)?(?:\s?[-~]\s?\d{1,4})?$/.test(inner)) {
    if (!bracket.round) return whole.replace(/\s/g, '');
    fallback.episode ??= Number.parseFloat(inner);
    return ' ';
  }
  // "[Group][Title][01]", "[Group][Title] ep02": the first bracket that is not a tag holds the title
  // when nothing but brackets comes before it, and nothing but brackets or the episode after it.
  const outside = (part: string) => part.replace(/\[[^\]]*\]|\([^)]*\)|【[^】]*】|[★☆♪・※]/g, '');
  if (!/\p{L}/u.test(outside(before)) && (!/\p{L}/u.test(outside(after)) || /^[\s_.-]*(?:ep|episode|e|#)?[ _.]?\d/i.test(outside(after)))) return ` ${inner} `;
  if (/^(?:OVA|OAD|NCOP\d*|NCED\d*|SP\d*|Specials?|Movie|PV|Menu)$/i.test(inner)) return ` ${inner} `;
  // Words in round brackets just before the episode name this show among its kin:
  // "Mezzo(DSA) - 05", "Nekomonogatari (Black) #1-4", "Shingeki no Kyojin (The Final Season) - 13".
  if (
    bracket.round &&
    /\p{L}/u.test(inner) &&
    /\p{L}/u.test(outside(before)) &&
    /^[\s_]*(?:-[\s_]+|#)\d/.test(after) &&
    !/\b(?:dub|dubbed|sub|subs|subbed|raw|ver|version|edit|cut|censored|eng|english)\b/i.test(inner)
  ) {
    return `\ue001${inner.replace(/_/g, ' ')}\ue002`;
  }
  // Words inside a title, with more of the title after them: "Evangelion 1.11 You Are (Not) Alone".
  if (/\p{L}/u.test(inner) && /\p{L}/u.test(outside(before)) && /^[\s_.]*(?:-[\s_]+)?(?!(?:S\d|E\d|Ep\.?\s?\d|Episode))\p{L}/iu.test(after)) {
    // Held in stand-in brackets, so that a bracket around this one can still be read.
    const [open, close] = bracket.round ? ['\ue001', '\ue002'] : ['\ue003', '\ue004'];
    return `${open}${inner.replace(/_/g, ' ')}${close}`;
  }
  return ' ';
}

/** Dots, underscores, dashes or pluses as the only separators become spaces; a scene group after the last dash is taken. */
function separateWords(input: string, dotted: boolean, result: ParsedRelease): string {
  let text = input;
  if (dotted) {
    // Scene style "Title.S01E03.1080p.BluRay.x264-GROUP": the group trails after a dash.
    const trailing = /-([A-Za-z0-9]+)$/.exec(text.trim());
    const lastToken = text.trim().split('.').pop() ?? '';
    // Not in "S03E002-003", where the dash ends a range of episodes.
    const range = /^\d{1,4}$/.test(trailing?.[1] ?? '') && /E\d{1,4}$/i.test(text.trim().slice(0, -(trailing?.[0].length ?? 0)));
    if (trailing?.[1] && !range && !result.group && !metadataField(trailing[1]) && !metadataField(lastToken)) {
      result.group = trailing[1];
      text = text.trim().slice(0, -trailing[0].length);
    }
    // Dots separate words, except in "12.5" or "AAC2.0": a digit, the dot, one digit.
    text = text.replace(/(?<!\d)\.|\.(?!\d(?!\d))/g, ' ');
  }
  text = text.replace(/_/g, ' ');
  // "12.DVD", "1080.BD": a number glued to a tag by a dot.
  text = text.replace(/(\d)\.(?=(?:DVD|BD|BluRay|HDTV|WEB|TV)\b)/gi, '$1 ');
  const bare = text.trim();
  // "toradora!-03-your-song", "Citrus+Episode+3": dashes or pluses are the only separators.
  if (!dotted && !/\s/.test(bare) && (bare.match(/-/g) ?? []).length >= 2) text = text.replace(/-/g, ' ');
  if (!/\s/.test(bare) && (bare.match(/\+/g) ?? []).length >= 2) text = text.replace(/\+/g, ' ');
  // "Kaiju No. 8": a number that names the show, not an episode.
  text = text.replace(/\bNo\.\s?(\d)/g, `No.${heldSpace}$1`);
  // "Vol. 2", "Vol.1v2 & Vol. 2", "Vol.1&2": volumes of a disc release, not episodes.
  // The title ends there, as at a tag.
  return text.replace(/\bVol(?:ume)?\.?\s?\d{1,2}(?:v\d)?(?:\s?&\s?(?:Vol(?:ume)?\.?\s?)?\d{1,2}(?:v\d)?)*\b/gi, ` ${tagMark} `);
}

/** "S01OVA02" (a season glued to a kind), and season ranges or parts: "S1-2", "S01-S03E01-75", "S01P01". */
function takeSeasonMarks(input: string, result: ParsedRelease): string {
  const text = input.replace(/\bS(\d{1,2})(OVA|OAD|SP|NCOP|NCED)(\d{1,3})\b/gi, 'S$1 $2$3');
  const range = /(?:^|(?<=[ .-]))S(\d{1,2})(?:(?:[-~+]S?\d{1,2}|[ ]?[-~+][ ]?S\d{1,2})+|P\d{1,2}|S\d{1,2})(?=$|[ .\-\])]|E\d)/i.exec(text);
  if (!range?.[1]) return text;
  result.season = Number(range[1]);
  return `${text.slice(0, range.index)} ${text.slice(range.index + range[0].length)}`;
}

/** Loose tag words end the title region ("Title S01E03 1080p WEB-DL ..."); their values are kept. */
function cutAtLooseMetadata(text: string, result: ParsedRelease): string {
  const words = text.split(/\s+/).filter(Boolean);
  let cut = words.length;
  words.forEach((word, index) => {
    // "1080.BD" style: a bare height followed by a tag is a resolution.
    const first = (candidate: string) => candidate.split('.')[0] ?? '';
    const entry =
      metadataField(word) ??
      metadataField(word.replace(/-\w+$/, '')) ??
      (word.includes('.') && !/^\d/.test(word) ? metadataField(first(word)) : null) ??
      (/^(?:480|576|720|1080|2160)$/.test(word) && metadataField(first(words[index + 1] ?? '')) ? metadataField(`${word}p`) : null);
    if (!entry) return;
    if (entry.field === 'other' && /^v\d$|^end$|^final$/i.test(word)) return;
    assignMetadata(result, entry.field, entry.value);
    if (index < cut && index > 0) cut = index;
  });
  // "Show Name HD 09", "Show Name HD720 09": a bare number after nothing but tags is still the episode.
  const last = words[words.length - 1] ?? '';
  const between = words.slice(cut, -1);
  if (cut < words.length - 1 && /^\d{1,4}$/.test(last) && !/^(?:19[5-9]\d|20[0-4]\d|480|576|720|1080|2160)$/.test(last) && between.every((word) => metadataField(word))) {
    return [...words.slice(0, cut), last].join(' ');
  }
  return words.slice(0, cut).join(' ');
}

/**
 * The kind of release and the episode; returns the title region (what comes before them). An
 * episode found only after the tags ("Title [BD] - 05") counts too.
 */
function findEpisode(input: string, tail: string, tagged: boolean, result: ParsedRelease): string {
  let text = input;
  let episodeText = text;
  for (const { kind, pattern } of kindWords) {
    const match = pattern.exec(text);
    if (!match) continue;
    result.kind = kind;
    const version = /v(\d)$/i.exec(match[0]);
    if (version?.[1]) result.version = Number(version[1]);
    const number = match.slice(1).find((group) => group !== undefined);
    if (number) result.episode = Number(number);
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
  if (result.episode !== null) return text;
  const inKindText = episodeText !== text;
  // "Title - Ep01 Preview": the kind's own number comes first, then one before the kind word.
  for (const source of inKindText ? [episodeText, text] : [text, tail]) {
    for (const pattern of episodePatterns) {
      const match = pattern.exec(source);
      const groups = match?.groups;
      if (!match || !groups?.['episode']) continue;
      // A year or a resolution-like number is not an episode.
      if (/^(19[5-9]\d|20[0-4]\d)$/.test(groups['episode']) && !groups['season']) continue;
      const episode = Number(groups['episode']);
      result.episode = episode;
      if (groups['season']) result.season = Number(groups['season']);
      if (groups['version']) result.version = Number(groups['version']);
      if (groups['end'] && Number(groups['end']) > episode) result.episodeEnd = Number(groups['end']);
      if (source !== text) return text;
      const before = text.slice(0, match.index);
      const rest = text.slice(match.index + match[0].length);
      // "05 - Hidan no Aria - Butei Charter", "Episode 14 Ore no Imouto": the episode first, then the show
      // (then the episode's title). "05 - Episode title" alone names the episode; the folder names the show.
      const parts = rest.replace(/^[\s\-–~:|.]+/, '').split(/\s+-\s+/);
      // A group's tagged release names the show: "[Group] 01 - Show [BD]".
      const namesShow = parts.length >= 2 || (/^\s*\p{L}/u.test(rest) && /\p{L}/u.test(match[0])) || (result.group !== null && tagged);
      if (!cleanTitle(before) && /\p{L}/u.test(rest) && namesShow) {
        const [show = '', ...episodeTitle] = parts;
        result.episodeTitle = episodeTitleOf(episodeTitle.join(' - '));
        return show.replace(/\s*\((?:saison|season)[^)]*\)/i, ' ');
      }
      result.episodeTitle = episodeTitleOf(rest);
      if (!groups['season']) return before;
      // "Show - 05 - S01E05 - Title", "165.Show.s08e014", "165-166.Show S08E14E15": absolute numbers
      // around the show's name are not the show's.
      const show = before.replace(/\s-\s\d{1,4}(?:-\d{1,4})?[\s-]*$/, ' ');
      const withoutLeading = show.replace(/^\s*(?:\d{1,4}-\d{1,4}[.\s]|\d{1,4}\.(?![\d\s.]))(?=\S)/, '');
      return /\p{L}/u.test(withoutLeading) ? withoutLeading : show;
    }
  }
  return text;
}

function takeShortSeason(text: string, result: ParsedRelease): string {
  const match = shortSeason.exec(text);
  if (!match?.[1] || result.season !== null) return text;
  result.season = Number(match[1]);
  const after = text.slice(match.index + match[0].length);
  // "Title - S03 - Arc name": what follows the season is the arc's name, not the show's.
  return /^\s*-\s+\p{L}/u.test(after) ? text.slice(0, match.index) : text.replace(match[0], ' ');
}

/** What follows the episode number, when it reads as a title and not as a tag. */
function episodeTitleOf(rest: string): string | null {
  const title = cleanTitle(rest.replace(/^[\s\-–~:|.]+/, ''));
  if (!/\p{L}{2}/u.test(title) || /^(?:end|final|fin|v\d)$/i.test(title) || title.length > 120) return null;
  return title;
}

function assignMetadata(result: ParsedRelease, field: MetadataField, value: string): void {
  if (field === 'resolution') result.resolution ??= value;
  else if (field === 'source') result.source ??= value;
  else if (field === 'videoCodec') result.videoCodec ??= value;
}

function cleanTitle(text: string): string {
  const title = text
    .replaceAll(heldSpace, ' ')
    .replace(/[\ue001-\ue004]/g, (held) => heldBrackets.find(([stand]) => stand === held)?.[1] ?? '')
    .replaceAll(tagMark, ' ')
    .replace(/^[\s★☆♪・※]+/, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–~:|]+|[\s\-–:|,]+$/g, '')
    .trim();
  // A closing tilde stays when the title opened one: "Gift ~eternal rainbow~".
  return (title.match(/~/g) ?? []).length >= 2 ? title : title.replace(/[\s~]+$/, '');
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
