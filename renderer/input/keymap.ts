import type { Command } from './commands';
import { parseCommand } from './commands';
import { normaliseKeySpec } from './keys';

/** Kirei's default bindings: mpv's own defaults for everything a player core does. */
export const defaultInputConf = `
SPACE cycle pause
p cycle pause
PLAYPAUSE cycle pause
RIGHT seek 5
LEFT seek -5
UP seek 60
DOWN seek -60
9 add volume -2
0 add volume 2
/ add volume -2
* add volume 2
m cycle mute
f cycle fullscreen
ESC set fullscreen no
[ multiply speed 1/1.1
] multiply speed 1.1
{ multiply speed 0.5
} multiply speed 2.0
BS set speed 1.0
. frame-step
, frame-back-step
q quit
s screenshot
S screenshot video
Ctrl+s screenshot window
SHARP cycle audio
j cycle sub
J cycle sub down
v cycle sub-visibility
z add sub-delay -0.1
Z add sub-delay +0.1
F add sub-scale -0.1
G add sub-scale +0.1
# Anime4K's own mpv template keys
Ctrl+1 anime4k-mode A
Ctrl+2 anime4k-mode B
Ctrl+3 anime4k-mode C
Ctrl+4 anime4k-mode A+A
Ctrl+5 anime4k-mode B+B
Ctrl+6 anime4k-mode C+A
Ctrl+0 anime4k-mode off
Ctrl+7 anime4k-mode classic
Ctrl+8 cycle anime4k-tier
# Kirei's own
c cycle compare
Shift+LEFT add compare-position -0.02
Shift+RIGHT add compare-position 0.02
h magnifier
i cycle stats
? show-help
`;

export interface Binding {
  key: string;
  commandText: string;
  command: Command;
}

export interface ParsedInputConf {
  bindings: Binding[];
  /** One line per rejected line, for the settings screen. */
  problems: string[];
}

/** Parses input.conf text: `KEY command args`, `#` comments, blank lines. */
export function parseInputConf(text: string): ParsedInputConf {
  const bindings: Binding[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    const match = /^(\S+)\s+(.+?)(\s+#.*)?$/.exec(line);
    if (!match?.[1] || !match[2]) {
      problems.push(`line ${index + 1}: expected a key and a command`);
      return;
    }
    const command = parseCommand(match[2]);
    if (typeof command === 'string') {
      problems.push(`line ${index + 1}: ${command}`);
      return;
    }
    bindings.push({ key: normaliseKeySpec(match[1]), commandText: match[2].trim(), command });
  });
  return { bindings, problems };
}

/** Later bindings win, as in mpv, so a user's file can override the defaults line by line. */
export function buildKeymap(...layers: Binding[][]): Map<string, Binding> {
  const keymap = new Map<string, Binding>();
  for (const layer of layers) for (const binding of layer) keymap.set(binding.key, binding);
  return keymap;
}
