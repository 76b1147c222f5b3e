/**
 * Reads an ASS script once, line by line: finds the lines libass will skip (so the viewer hears
 * about them instead of wondering where a line went), the fonts its styles ask for, and the fonts
 * it carries in its [Fonts] section, which are decoded here (within limits) and taken out of the
 * script the player receives. It runs in a worker thread (scriptWorker.ts), so a huge or hostile
 * script never blocks the main process.
 */
export interface ScriptLimits {
  /** One embedded font, decoded. */
  fontBytes: number;
  /** All embedded fonts of the script together. */
  totalFontBytes: number;
  fonts: number;
}

export interface ScriptCheck {
  events: number;
  /** The first skipped lines (up to 100) … */
  skipped: { line: number; reason: string }[];
  /** … and how many there were. */
  skippedCount: number;
  /** Font names the styles and \fn tags ask for: lower-cased (as fonts are matched) to as written. */
  fontNames: Map<string, string>;
}

export interface ScriptAnalysis extends ScriptCheck {
  /** The script without its [Fonts] and [Graphics] sections. */
  content: string;
  /** The fonts of its [Fonts] section, decoded. */
  fonts: Uint8Array[];
  /** Embedded fonts left out, with why. */
  skippedFonts: { name: string; reason: string }[];
}

export const defaultScriptLimits: ScriptLimits = { fontBytes: 64 * 1024 * 1024, totalFontBytes: 256 * 1024 * 1024, fonts: 500 };

/**
 * The whole analysis in one function that uses nothing from outside itself: the worker runs it
 * from its source text. Text is UTF-8 with or without a byte-order mark, or UTF-16 as older
 * Windows tools write it.
 */
export function analyseScript(bytes: Uint8Array, limits: ScriptLimits): ScriptAnalysis {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  const text = new TextDecoder(encoding).decode(bytes);
  const timePattern = /^\d+:\d{1,2}:\d{1,2}[.:]\d{1,3}$/;
  const keptSkipped = 100;
  const result: ScriptAnalysis = { events: 0, skipped: [], skippedCount: 0, fontNames: new Map(), content: '', fonts: [], skippedFonts: [] };
  const kept: string[] = [];
  let keptFrom = 0;
  let section = '';
  let eventFields = 10;
  let styleFontField = 1;
  let fontTotal = 0;
  // The embedded font being read, decoded line by line into a buffer that grows up to the limit.
  let font: { name: string; bytes: Uint8Array; size: number; pending: string; tooLarge: boolean } | null = null;

  const addFont = (name: string | undefined) => {
    const written = name?.trim().replace(/^@/, '');
    if (written && !result.fontNames.has(written.toLowerCase())) result.fontNames.set(written.toLowerCase(), written);
  };
  const skip = (line: number, reason: string) => {
    result.skippedCount++;
    if (result.skipped.length < keptSkipped) result.skipped.push({ line, reason });
  };
  // ASS's own UUencoding: groups of four characters (33 + six bits each) make three bytes; a
  // last group of two or three characters makes one or two.
  const decodeInto = (reading: NonNullable<typeof font>, encoded: string, last: boolean) => {
    const whole = last ? encoded.length : encoded.length - (encoded.length % 4);
    const needed = reading.size + Math.ceil((whole * 3) / 4);
    if (needed > limits.fontBytes) {
      reading.tooLarge = true;
      reading.bytes = new Uint8Array(0);
      return;
    }
    if (needed > reading.bytes.length) {
      const grown = new Uint8Array(Math.min(limits.fontBytes, Math.max(needed, reading.bytes.length * 2, 4096)));
      grown.set(reading.bytes.subarray(0, reading.size));
      reading.bytes = grown;
    }
    for (let index = 0; index < whole; index += 4) {
      const count = Math.min(4, whole - index);
      const value = (position: number) => (position < count ? (encoded.charCodeAt(index + position) - 33) & 63 : 0);
      const a = value(0), b = value(1), c = value(2), d = value(3);
      reading.bytes[reading.size++] = ((a << 2) | (b >> 4)) & 255;
      if (count > 2) reading.bytes[reading.size++] = ((b << 4) | (c >> 2)) & 255;
      if (count > 3) reading.bytes[reading.size++] = ((c << 6) | d) & 255;
    }
    reading.pending = encoded.slice(whole);
  };
  const finishFont = () => {
    const reading = font;
    font = null;
    if (!reading) return;
    if (!reading.tooLarge && reading.pending) decodeInto(reading, reading.pending, true);
    if (reading.tooLarge) result.skippedFonts.push({ name: reading.name, reason: `larger than ${Math.round(limits.fontBytes / 1048576)} MB` });
    else if (result.fonts.length >= limits.fonts) result.skippedFonts.push({ name: reading.name, reason: `more than ${limits.fonts} fonts` });
    else if (fontTotal + reading.size > limits.totalFontBytes) result.skippedFonts.push({ name: reading.name, reason: `the fonts together pass ${Math.round(limits.totalFontBytes / 1048576)} MB` });
    else if (reading.size > 0) {
      fontTotal += reading.size;
      result.fonts.push(reading.bytes.slice(0, reading.size));
    }
  };
  const readEvent = (value: string, lineNumber: number) => {
    result.events++;
    const fields = value.split(',');
    if (fields.length < eventFields) skip(lineNumber, `${fields.length} of ${eventFields} fields`);
    else if (!timePattern.test(fields[1]?.trim() ?? '') || !timePattern.test(fields[2]?.trim() ?? '')) skip(lineNumber, 'a start or end time that is not a time');
    for (const match of value.matchAll(/\\fn([^\\}]+)/g)) addFont(match[1]);
  };

  let lineNumber = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const next = newline < 0 ? text.length : newline + 1;
    lineNumber++;
    const line = text.slice(start, end).trim();
    const inBinary = section === '[fonts]' || section === '[graphics]';
    // Encoded font data uses the characters 33–96, brackets included but no lower-case letter:
    // inside [Fonts] a bracketed line is a new section only if it has one.
    if (line.startsWith('[') && line.endsWith(']') && (!inBinary || /[a-z]/.test(line))) {
      finishFont();
      const wasBinary = section === '[fonts]' || section === '[graphics]';
      section = line.toLowerCase();
      const isBinary = section === '[fonts]' || section === '[graphics]';
      if (isBinary && !wasBinary) kept.push(text.slice(keptFrom, start));
      if (!isBinary && wasBinary) keptFrom = start;
      start = next;
      continue;
    }
    if (section === '[fonts]') {
      if (/^fontname:/i.test(line)) {
        finishFont();
        font = { name: line.slice(9).trim(), bytes: new Uint8Array(0), size: 0, pending: '', tooLarge: false };
      } else if (font && line && !font.tooLarge) decodeInto(font, font.pending + line, false);
      start = next;
      continue;
    }
    if (section !== '[graphics]') {
      const colon = line.indexOf(':');
      if (colon >= 0) {
        const key = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (section.includes('styles')) {
          if (key === 'format') styleFontField = Math.max(0, value.split(',').map((field) => field.trim().toLowerCase()).indexOf('fontname'));
          else if (key === 'style') addFont(value.split(',')[styleFontField]);
        } else if (section === '[events]') {
          if (key === 'format') eventFields = value.split(',').length;
          else if (key === 'dialogue') readEvent(value, lineNumber);
        }
      }
    }
    start = next;
  }
  finishFont();
  if (section !== '[fonts]' && section !== '[graphics]') kept.push(text.slice(keptFrom));
  result.content = kept.join('');
  return result;
}

/** The check alone, on the calling thread: for small scripts and tests. */
export function checkScript(script: string): ScriptAnalysis {
  return analyseScript(new TextEncoder().encode(script), defaultScriptLimits);
}

/** One sentence for the viewer, naming the first few skipped lines. */
export function describeSkipped(check: ScriptCheck): string | null {
  if (check.skippedCount === 0) return null;
  const shown = check.skipped.slice(0, 3).map((entry) => `line ${entry.line} (${entry.reason})`).join(', ');
  const more = check.skippedCount > 3 ? ` and ${check.skippedCount - 3} more` : '';
  return `${check.skippedCount} malformed subtitle line${check.skippedCount === 1 ? ' was' : 's were'} skipped: ${shown}${more}.`;
}

/** One sentence for the viewer about embedded fonts left out; null when none was. */
export function describeSkippedFonts(skipped: ScriptAnalysis['skippedFonts']): string | null {
  if (skipped.length === 0) return null;
  const shown = skipped.slice(0, 3).map((font) => `${font.name || 'a font'} (${font.reason})`).join(', ');
  const more = skipped.length > 3 ? ` and ${skipped.length - 3} more` : '';
  return `${skipped.length} font${skipped.length === 1 ? '' : 's'} inside the subtitles ${skipped.length === 1 ? 'was' : 'were'} left out: ${shown}${more}. Text in ${skipped.length === 1 ? 'it' : 'them'} is drawn in another font.`;
}
