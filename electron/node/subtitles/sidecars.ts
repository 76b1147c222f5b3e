import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const sidecarExtensions = ['ass', 'ssa', 'srt', 'vtt'] as const;
export type SidecarFormat = (typeof sidecarExtensions)[number];

export interface SidecarFile {
  path: string;
  format: SidecarFormat;
  language: string | null;
  title: string | null;
  isForced: boolean;
  isDefault: boolean;
}

/** More subtitle files than any release carries for one episode. */
export const maximumSidecars = 200;

/** Folders releases keep subtitles in, beside the video (matched without regard to case). */
const subtitleFolders = ['subs', 'subtitles', 'sub'];

/** Two- and three-letter codes and the language names releases spell out, to tell a language from a title. */
const languageNames: Record<string, string> = {
  english: 'en',
  eng: 'en',
  japanese: 'ja',
  jpn: 'ja',
  jap: 'ja',
  spanish: 'es',
  spa: 'es',
  french: 'fr',
  fre: 'fr',
  fra: 'fr',
  german: 'de',
  ger: 'de',
  deu: 'de',
  italian: 'it',
  ita: 'it',
  portuguese: 'pt',
  por: 'pt',
  russian: 'ru',
  rus: 'ru',
  chinese: 'zh',
  chi: 'zh',
  zho: 'zh',
  chs: 'zh-Hans',
  cht: 'zh-Hant',
  sc: 'zh-Hans',
  tc: 'zh-Hant',
  korean: 'ko',
  kor: 'ko',
  arabic: 'ar',
  ara: 'ar',
  'pt-br': 'pt-BR',
  'es-419': 'es-419',
};
const twoLetter = new Set(['en', 'ja', 'es', 'fr', 'de', 'it', 'pt', 'ru', 'zh', 'ko', 'ar', 'pl', 'nl', 'sv', 'fi', 'no', 'da', 'tr', 'id', 'vi', 'th', 'he', 'hu', 'cs', 'ro', 'uk', 'ms']);

function languageOf(part: string): string | null {
  const lower = part.toLowerCase();
  if (twoLetter.has(lower)) return lower;
  return languageNames[lower] ?? null;
}

/**
 * Reads the suffix between the video's base name and the extension: `.en`, `.ja.forced`,
 * `.eng.Signs & Songs`, `.default`. Parts that are not a language or a flag make up the title.
 */
export function describeSuffix(suffix: string): Pick<SidecarFile, 'language' | 'title' | 'isForced' | 'isDefault'> {
  let language: string | null = null;
  let isForced = false;
  let isDefault = false;
  const titleParts: string[] = [];
  for (const part of suffix.split('.').filter((piece) => piece.trim() !== '')) {
    const lower = part.toLowerCase();
    if (lower === 'forced') isForced = true;
    else if (lower === 'default') isDefault = true;
    else if (!language && languageOf(part)) language = languageOf(part);
    else titleParts.push(part);
  }
  return { language, title: titleParts.length ? titleParts.join('.') : null, isForced, isDefault };
}

function formatOf(fileName: string): SidecarFormat | null {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  return (sidecarExtensions as readonly string[]).includes(extension) ? (extension as SidecarFormat) : null;
}

async function entriesOf(folder: string): Promise<{ name: string; isFile: boolean; isDirectory: boolean }[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory() }));
  } catch {
    // A folder that cannot be read simply offers no subtitles.
    return [];
  }
}

/**
 * Subtitle files that belong to a video: beside it with the same base name and an optional
 * suffix (`Episode 01.en.ass`), in a `Subs/` or `Subtitles/` folder beside it under the same
 * rule, and every file of `Subs/<base name>/` (how batch releases lay out one folder per episode).
 */
export async function findSidecars(videoPath: string): Promise<SidecarFile[]> {
  const folder = path.dirname(videoPath);
  const base = path.basename(videoPath, path.extname(videoPath));
  const baseLower = base.toLowerCase();
  const found: SidecarFile[] = [];
  const consider = (filePath: string, suffix: string | null) => {
    const format = formatOf(filePath);
    if (!format) return;
    const described = suffix === null ? describeSuffix(path.basename(filePath, path.extname(filePath)).replace(/^\d+_/, '')) : describeSuffix(suffix);
    found.push({ path: filePath, format, ...described });
  };
  const matchByName = async (directory: string) => {
    for (const entry of await entriesOf(directory)) {
      if (!entry.isFile) continue;
      const stem = entry.name.slice(0, entry.name.length - path.extname(entry.name).length);
      const stemLower = stem.toLowerCase();
      if (stemLower === baseLower || stemLower.startsWith(`${baseLower}.`)) consider(path.join(directory, entry.name), stem.slice(base.length));
    }
  };
  await matchByName(folder);
  for (const entry of await entriesOf(folder)) {
    if (!entry.isDirectory || !subtitleFolders.includes(entry.name.toLowerCase())) continue;
    const subtitleFolder = path.join(folder, entry.name);
    await matchByName(subtitleFolder);
    for (const inner of await entriesOf(subtitleFolder)) {
      if (!inner.isDirectory || inner.name.toLowerCase() !== baseLower) continue;
      for (const file of await entriesOf(path.join(subtitleFolder, inner.name))) {
        if (file.isFile) consider(path.join(subtitleFolder, inner.name, file.name), null);
      }
    }
  }
  // A folder of thousands of matching files is not a release; the menu lists the first ones.
  return found.sort((a, b) => a.path.localeCompare(b.path)).slice(0, maximumSidecars);
}
