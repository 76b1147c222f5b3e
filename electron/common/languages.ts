const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** A language tag as a name ("eng" → "English"); the tag itself when it is not one. */
export function languageName(language: string): string {
  try {
    return languageNames.of(language) ?? language;
  } catch {
    return language;
  }
}
