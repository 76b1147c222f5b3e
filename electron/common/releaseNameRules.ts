/**
 * The conventions of anime release names, as data: words that describe the file rather than the
 * show, words that name a kind of release, and the ways episodes are numbered. The parser in
 * releaseName.ts tries them in order.
 */

/** What a release is: the kinds the library sorts episodes into. */
export const releaseKinds = ['episode', 'special', 'ova', 'oad', 'ncop', 'nced', 'movie', 'extra'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];

export const videoExtension = /\.(mkv|mp4|m4v|webm|avi|mov|ts|m2ts|wmv|flv|ogm|rmvb|rm|mpg|mpeg|divx)$/i;

export type MetadataField = 'resolution' | 'source' | 'videoCodec' | 'audio' | 'other';

/** Tokens that describe the file, not the show; the first one ends the title. */
const metadataPatterns: { field: MetadataField; pattern: RegExp; normalise?: (match: string) => string }[] = [
  { field: 'resolution', pattern: /^(?:\d{3,4}[pi]\+?|\d{3,4}x\d{3,4}|4k|2160p|uhd|hd|sd|fhd|hd-?(?:720|1080)p?)$/i, normalise: normaliseResolution },
  {
    field: 'source',
    // A bare "TV" is left alone: it is part of titles ("R.O.D the TV", "Code Geass R2 TV").
    pattern: /^(?:blu-?ray|bd(?:rip|mv|remux)?|bdremux|web-?dl|web-?rip|web|hdtv(?:rip)?|dvd(?:rip|-?r|scr|5|9)?|tvrip|vhs(?:rip)?)$/i,
  },
  {
    field: 'videoCodec',
    pattern: /^(?:[xh]\.?26[45]|hevc(?:-10bit)?|avc|av1|vp9|xvid|divx\d?(?:\.\d+)*|hi10p?|hi444p?|ma10p|10-?bits?|8-?bits?|hevc2?|h\.?265|main10|yuv4[24][024]p?\d*)$/i,
  },
  {
    field: 'audio',
    pattern: /^(?:aac(?:2\.0|5\.1|x\d)?|he-?aac|flac(?:x\d)?|opus|ogg|vorbis|lpcm|pcm|ac-?3|e-?ac-?3|ddp?(?:\d\.\d)?|dts(?:-?(?:hd|es|x)(?:ma)?)?|truehd(?:\d\.\d)?|mp3|dual[ -]?audio|multi[ -]?audio|2\.0|5\.1|7\.1|2ch|5\.1ch)$/i,
  },
  {
    field: 'other',
    // Streaming services, languages, packaging: known words that say nothing the library keeps.
    pattern:
      /^(?:amzn|cr|nf|dsnp|hidive|b-global|baha|abema|adn|funi|atmos|dv|hdr|hdr10|dual|multi(?:ple)?[ -]?sub(?:titles?|s)?|multisub|eng(?:lish)?[ -]?(?:subs?|dub(?:bed)?)|vostfr|vosta|raw|uncensored|uncut|batch|complete|remastered|repack|proper|v\d|end|final|hardsub|softsub|mkv|mp4|chs|cht|gb|big5|jpsc|jptc|sc|tc|subbed|dubbed|chap|chapters)$/i,
  },
];

function normaliseResolution(value: string): string {
  const lower = value.toLowerCase().replace(/\+$/, '');
  if (lower === '4k' || lower === 'uhd') return '2160p';
  if (lower === 'fhd') return '1080p';
  if (lower === 'hd') return '720p';
  if (lower === 'sd') return '480p';
  // "HD720", "HD-1080p"
  const quality = /^hd-?(\d{3,4})p?$/.exec(lower);
  if (quality?.[1]) return `${quality[1]}p`;
  const size = /^(\d{3,4})x(\d{3,4})$/.exec(lower);
  if (size?.[2]) return `${size[2]}p`;
  return lower.replace(/i$/, 'p');
}

export function metadataField(token: string): { field: MetadataField; value: string } | null {
  for (const { field, pattern, normalise } of metadataPatterns) {
    if (pattern.test(token)) return { field, value: normalise ? normalise(token) : token };
  }
  return null;
}

/** Non-episode kinds, by the words releases use for them; the number after the word, if any, is in the first group that matched. */
export const kindWords: { kind: ReleaseKind; pattern: RegExp }[] = [
  { kind: 'ncop', pattern: /\b(?:NC[ _-]?OP|(?:Creditless|Clean|Textless)[ _-]?(?:OP|Opening))(?:[ _-]?(\d+))?[a-z]?(?:v\d)?\b/i },
  { kind: 'nced', pattern: /\b(?:NC[ _-]?ED|(?:Creditless|Clean|Textless)[ _-]?(?:ED|Ending))(?:[ _-]?(\d+))?[a-z]?(?:v\d)?\b/i },
  // A kind word names the release when a number follows it, it ends the name or a subtitle follows it
  // ("Negima! OAD ~Mou Hitotsu no Sekai~ 02"): "Girls und Panzer OVA Anzio-sen" is a title.
  { kind: 'ova', pattern: /\bOVA(?:[ _-]?(\d+(?:\.\d)?)\b|(?=[ _]*$|[ _]+-[ _]|[ _]+~))/i },
  { kind: 'oad', pattern: /\bOAD(?:[ _-]?(\d+)\b|(?=[ _]*$|[ _]+-[ _]|[ _]+~))/i },
  { kind: 'movie', pattern: /\b(?:The Movie|Movies?|Gekijou?ban)(?:[ _-]?(\d+)\b|(?=[ _]*$|[ _]+-[ _]))|^\s*Gekijou?ban\b|劇場版/i },
  { kind: 'special', pattern: /\b(?:Specials?|SP)(?:[ _-]?(\d+)\b|(?=[ _]*$|[ _]+-[ _]))|特別編|特典/i },
  // An opening or ending: "Toradora ED2", "Title - OP1c", "Title OP", "Title - Ending".
  { kind: 'ncop', pattern: /\bOP[ _-]?(\d{1,2})[a-z]?(?:v\d)?\b|\bOP(?:v\d)?(?=[ _]*$)|(?:^|[ _]-[ _])Opening(?:[ _](\d{1,2}))?(?=[ _]*$)/i },
  { kind: 'nced', pattern: /\bED[ _-]?(\d{1,2})[a-z]?(?:v\d)?\b|\bED(?:v\d)?(?=[ _]*$)|(?:^|[ _]-[ _])Ending(?:[ _](\d{1,2}))?(?=[ _]*$)/i },
  // Extras only as a tag of their own, never inside a title ("Sword Art Online Extra Edition").
  { kind: 'extra', pattern: /\b(?:PV|CM|Preview|Trailer|Teaser|Menu|Bonus|Extras?)(?:[ _-]?(\d+))?(?=$|[ _-]*$|[ _-]+\d)|\bEX(\d{1,2})\b/i },
];

export const ordinalSeason = /\b(\d+)(?:st|nd|rd|th)[ _.-]?Season\b/i;
export const wordSeason = /\b(?:Season|Saison|Temporada)[ _.-]?(\d+)(?:[-~&+]\d+(?!\d))?\b/i;
export const shortSeason = /(?:^|[ _.-])S(\d{1,2})(?=$|[ _.-])/i;
export const japaneseSeason = /第(\d+)期/;
/** "Second Season": the season in words. */
export const wordOrdinalSeason = /\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)[ _.-]Season\b/i;
export const ordinalWords = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** Words for "episode" in the languages release names are written in. */
const episodeWord = '(?:Episode|Episodio|Episódio|Épisode|Folge|Capitulo|Capítulo|Cap\\.?|Ep\\.?|E|#)';

/** Episode conventions, most specific first. */
export const episodePatterns: RegExp[] = [
  // S01E05, S01E05v2, S01E05-E06, S01E12.5, S01xE03
  /(?:^|[ _.\-[(])S(?<season>\d{1,2})[ _.]?(?:x?E|x)(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?:[-~](?:S\d{1,2})?E?(?<end>\d{1,4}))?(?=$|[ _.\-\])]|\p{L})/iu,
  // 2x05, 1x02x03 (several episodes)
  /(?:^|[ _.\-[])(?<season>\d{1,2})x(?<episode>\d{2,3})(?:x\d{2,3})*(?=$|[ _.\-\]])/i,
  // 第03話, 第3集, 01話
  /第?(?<episode>\d+(?:\.\d)?)[話话集]/,
  // Episode 5, Ep05, EP.05, E05, Episódio 1, #01, "episode.02"
  new RegExp(
    `(?:^|[ _.\\-[]|(?<=#))${episodeWord}[ _.]?(?<episode>\\d{1,4}(?:\\.\\d)?)(?:v(?<version>\\d))?(?:[ _]*[-~][ _]*#?(?<end>\\d{1,4}))?(?=$|[ _.\\-\\])]|\\p{L})`,
    'iu',
  ),
  // Turkish releases: "69. Bölüm", "60.Bolum" (typed without its marks), "79.BLM"
  /(?:^|[ _.])(?<episode>\d{1,4})\.?[ _]?(?:B[öo]l[üu]m|Blm)(?=$|[ _.])/iu,
  // " - 05", " - 12.5", " - 01v2", " - 01 ~ 26", " - 01-02", " - 01-02-03", " - 01+07", " - 01v2-03v2"
  // (first one not followed by words: "Fairy Tail - 100 Years Quest - 05"; then any: "Title - 09 Episode title")
  /(?<![ _]0\d{1,2})[ _]-[ _]+(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?[a-dα-ω]?(?:[ _]*[-~+,][ _]*(?:\d{1,4}[-+,])*(?<end>\d{1,4})(?:v\d)?)?(?=$|[ _.([]|[ _]-)(?![ _]+(?!(?:END|FINAL|RAW|v\d)\b)\p{L}{2})/iu,
  /(?<![ _]0\d{1,2})[ _]-[ _]+(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?[a-dα-ω]?(?:[ _]*[-~+,][ _]*(?:\d{1,4}[-+,])*(?<end>\d{1,4})(?:v\d)?)?(?=$|[ _.([]|[ _]-)/iu,
  // "[05]", "[05v2]", "[01-04]"
  /\[(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?:[-~](?<end>\d{1,4}))?\]/i,
  // A name that is only the number, or starts with it: "01", "03 - Episode title", "06 Show (720p)" (zero-padded)
  /^(?<episode>\d{1,4}(?:\.\d)?)(?:v(?<version>\d))?(?=$| - )/i,
  /^(?<episode>0\d{1,3})(?:v(?<version>\d))?(?= \p{L})/iu,
  // "003. Show - Episode title", "003-005. Show"
  /^(?<episode>\d{1,4})(?:-(?<end>\d{1,4}))?\.(?= \p{L})/iu,
  // A range before the tags: "Title 01 - 07 Batch", "Title 13-15"
  /[ _.](?<episode>\d{1,4})[ _]*[-~][ _]*(?<end>\d{1,4})(?=[ _.]*(?:batch|complete)?[ _.]*$)/i,
  // A number glued to the title by a dash, before the tags: "Series_Title-01[1280x720]"
  /(?<=\p{L})-(?<episode>\d{2,4})(?:v(?<version>\d))?[ _.]*$/u,
  // A trailing number: "Title 05", "Title 05v2", "Title 10 v2", "Title 01-02", "Title 01b"
  /[ _.](?<episode>\d{1,4}(?:\.\d)?)[a-d]?(?:[ _]?v(?<version>\d))?(?:[-~](?<end>\d{1,4}))?[ _.]*$/i,
  // A number before an episode title: "The Tatami Galaxy 10 - The 4.5-Tatami Idealogue"
  /[ _.](?<episode>\d{1,4})(?:v(?<version>\d))?[ _]+-[ _]+(?=\p{L})/iu,
  // A zero-padded number between words: "Toradora! 03 Your Song"
  /[ _.](?<episode>0\d{1,3})(?:v(?<version>\d))?[ _.]+(?=\p{L})/iu,
];
