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

/** Reads a script line by line; the state between lines is the section and its Format lines. */
class ScriptChecker {
  readonly skipped: ScriptCheck['skipped'] = [];
  readonly fontNames = new Map<string, string>();
  events = 0;
  private section = '';
  private eventFields = 10;
  private styleFontField = 1;

  read(rawLine: string, lineNumber: number): void {
    const line = rawLine.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      this.section = line.toLowerCase();
      return;
    }
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (this.section.includes('styles')) {
      if (key === 'format') this.styleFontField = Math.max(0, value.split(',').map((field) => field.trim().toLowerCase()).indexOf('fontname'));
      else if (key === 'style') this.addFont(value.split(',')[this.styleFontField]);
    } else if (this.section === '[events]') {
      if (key === 'format') this.eventFields = value.split(',').length;
      else if (key === 'dialogue') this.readEvent(value, lineNumber);
    }
  }

  result(): ScriptCheck {
    return { events: this.events, skipped: this.skipped, fontNames: this.fontNames };
  }

  private readEvent(value: string, lineNumber: number): void {
    this.events++;
    const fields = value.split(',');
    if (fields.length < this.eventFields) this.skipped.push({ line: lineNumber, reason: `${fields.length} of ${this.eventFields} fields` });
    else if (!timePattern.test(fields[1]?.trim() ?? '') || !timePattern.test(fields[2]?.trim() ?? '')) this.skipped.push({ line: lineNumber, reason: 'a start or end time that is not a time' });
    for (const match of value.matchAll(/\\fn([^\\}]+)/g)) this.addFont(match[1]);
  }

  private addFont(name: string | undefined): void {
    const font = name?.trim().replace(/^@/, '');
    if (font && !this.fontNames.has(font.toLowerCase())) this.fontNames.set(font.toLowerCase(), font);
  }
}

export function checkScript(script: string): ScriptCheck {
  const checker = new ScriptChecker();
  script.split(/\r?\n/).forEach((line, index) => checker.read(line, index + 1));
  return checker.result();
}

/** Lines read between two turns of the event loop: a few milliseconds each. */
const linesPerSlice = 10_000;

/**
 * The same check in slices, letting the main process serve video and IPC in between: a 50 MB
 * script took 0.4 s in one piece.
 */
export async function checkScriptInSlices(script: string): Promise<ScriptCheck> {
  const checker = new ScriptChecker();
  const lines = script.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    if (index > 0 && index % linesPerSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    checker.read(lines[index] ?? '', index + 1);
  }
  return checker.result();
}

/** One sentence for the viewer, naming the first few skipped lines. */
export function describeSkipped(check: ScriptCheck): string | null {
  if (check.skipped.length === 0) return null;
  const shown = check.skipped.slice(0, 3).map((entry) => `line ${entry.line} (${entry.reason})`).join(', ');
  const more = check.skipped.length > 3 ? ` and ${check.skipped.length - 3} more` : '';
  return `${check.skipped.length} malformed subtitle line${check.skipped.length === 1 ? ' was' : 's were'} skipped: ${shown}${more}.`;
}
