/**
 * Scales every font size of an ASS script, as mpv's sub-scale does through libass's font scale:
 * the styles' Fontsize and the \fs override tags. Positions, margins and drawings stay where the
 * typesetter put them.
 */
export function scaleScript(script: string, factor: number): string {
  if (Math.abs(factor - 1) < 1e-6) return script;
  let section = '';
  let fontSizeField = -1;
  const scale = (value: string) => String(Math.round(Number(value) * factor * 100) / 100);
  return script
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('[')) {
        section = trimmed.toLowerCase();
        return line;
      }
      if (section.includes('styles')) {
        if (/^format\s*:/i.test(trimmed)) {
          fontSizeField = trimmed.slice(trimmed.indexOf(':') + 1).split(',').map((field) => field.trim().toLowerCase()).indexOf('fontsize');
        } else if (/^style\s*:/i.test(trimmed) && fontSizeField >= 0) {
          const colon = line.indexOf(':');
          const fields = line.slice(colon + 1).split(',');
          const size = fields[fontSizeField];
          if (size !== undefined && Number.isFinite(Number(size))) fields[fontSizeField] = scale(size);
          return `${line.slice(0, colon + 1)}${fields.join(',')}`;
        }
        return line;
      }
      if (section === '[events]' && /^dialogue\s*:/i.test(trimmed)) {
        // \fs followed by a number only: \fscx, \fscy and \fsp are other tags.
        return line.replace(/\\fs(\d+(?:\.\d+)?)/g, (_match, size: string) => `\\fs${scale(size)}`);
      }
      return line;
    })
    .join('\n');
}
