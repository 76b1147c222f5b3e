/**
 * Finds the lines of an ASS script that libass will skip, so the viewer hears about them instead
 * of wondering where a line went. libass itself drops a bad event and keeps the rest; this only
 * counts and names them. Reads the script once, line by line, so a 50 MB script stays cheap.
 */
export interface ScriptCheck {
  events: number;
  skipped: { line: number; reason: string }[];
  /** Font names the styles and \fn tags ask for: lower-cased (as fonts are matched) to as written. */
  fontNames: Map<string, string>;
}

const timePattern = /^\d+:\d{1,2}:\d{1,2}[.:]\d{1,3}$/;

export function checkScript(script: string): ScriptCheck {
  const skipped: ScriptCheck['skipped'] = [];
  const fontNames = new Map<string, string>();
  let section = '';
  let eventFields = 10;
  let styleFontField = 1;
  let events = 0;
  let lineNumber = 0;
  for (const rawLine of script.split(/\r?\n/)) {
    lineNumber++;
    const line = rawLine.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      section = line.toLowerCase();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (section.includes('styles')) {
      if (key === 'format') styleFontField = Math.max(0, value.split(',').map((field) => field.trim().toLowerCase()).indexOf('fontname'));
      else if (key === 'style') {
        const font = value.split(',')[styleFontField]?.trim().replace(/^@/, '');
        if (font && !fontNames.has(font.toLowerCase())) fontNames.set(font.toLowerCase(), font);
      }
    } else if (section === '[events]') {
      if (key === 'format') eventFields = value.split(',').length;
      else if (key === 'dialogue') {
        events++;
        const fields = value.split(',');
        if (fields.length < eventFields) skipped.push({ line: lineNumber, reason: `${fields.length} of ${eventFields} fields` });
        else if (!timePattern.test(fields[1]?.trim() ?? '') || !timePattern.test(fields[2]?.trim() ?? '')) skipped.push({ line: lineNumber, reason: 'a start or end time that is not a time' });
        for (const match of value.matchAll(/\\fn([^\\}]+)/g)) {
          const font = match[1]?.trim().replace(/^@/, '');
          if (font && !fontNames.has(font.toLowerCase())) fontNames.set(font.toLowerCase(), font);
        }
      }
    }
  }
  return { events, skipped, fontNames };
}

/** One sentence for the viewer, naming the first few skipped lines. */
export function describeSkipped(check: ScriptCheck): string | null {
  if (check.skipped.length === 0) return null;
  const shown = check.skipped.slice(0, 3).map((entry) => `line ${entry.line} (${entry.reason})`).join(', ');
  const more = check.skipped.length > 3 ? ` and ${check.skipped.length - 3} more` : '';
  return `${check.skipped.length} malformed subtitle line${check.skipped.length === 1 ? ' was' : 's were'} skipped: ${shown}${more}.`;
}
