import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../renderer/input/commands';
import { buildKeymap, defaultInputConf, parseInputConf } from '../../../../renderer/input/keymap';

describe('parseCommand', () => {
  it.each([
    ['cycle pause', { name: 'cycle', property: 'pause' }],
    ['seek 5', { name: 'seek', seconds: 5, mode: 'relative' }],
    ['seek -60', { name: 'seek', seconds: -60, mode: 'relative' }],
    ['seek 50 absolute-percent', { name: 'seek', seconds: 50, mode: 'absolute-percent' }],
    ['no-osd seek 10 absolute', { name: 'seek', seconds: 10, mode: 'absolute' }],
    ['add volume -2', { name: 'add', property: 'volume', value: -2 }],
    ['multiply speed 1/1.1', { name: 'multiply', property: 'speed', factor: 1 / 1.1 }],
    ['set speed 1.0', { name: 'set', property: 'speed', value: 1 }],
    ['set fullscreen no', { name: 'set', property: 'fullscreen', value: false }],
    ['frame-back-step', { name: 'frame-step', direction: -1 }],
    ['quit', { name: 'quit' }],
    ['shader-chain "Anime4K: Mode A (HQ)"', { name: 'shader-chain', chain: 'Anime4K: Mode A (HQ)' }],
    ['no-osd shader-chain ArtCNN C4F16', { name: 'shader-chain', chain: 'ArtCNN C4F16' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['seek', 'seek ten', 'set speed 0', 'cycle nothing', 'run rm -rf /', 'multiply speed -1'])(
    'rejects %j with a reason',
    (text) => {
      expect(typeof parseCommand(text)).toBe('string');
    },
  );
});

describe('input.conf', () => {
  it('binds every core mpv key of the player by default', () => {
    const keymap = buildKeymap(parseInputConf(defaultInputConf).bindings);
    const expectations: [string, string][] = [
      ['SPACE', 'cycle pause'],
      ['p', 'cycle pause'],
      ['LEFT', 'seek -5'],
      ['RIGHT', 'seek 5'],
      ['UP', 'seek 60'],
      ['DOWN', 'seek -60'],
      ['9', 'add volume -2'],
      ['0', 'add volume 2'],
      ['m', 'cycle mute'],
      ['f', 'cycle fullscreen'],
      ['ESC', 'set fullscreen no'],
      ['[', 'multiply speed 1/1.1'],
      [']', 'multiply speed 1.1'],
      ['.', 'frame-step'],
      [',', 'frame-back-step'],
      ['q', 'quit'],
    ];
    for (const [key, command] of expectations) expect(keymap.get(key)?.commandText, key).toBe(command);
    expect(parseInputConf(defaultInputConf).problems).toEqual([]);
  });

  it('reports bad lines and keeps the good ones; later layers win', () => {
    const user = parseInputConf('# my keys\nctrl+right seek 85 # skip the opening\nx\nk explode\n');
    expect(user.bindings).toEqual([
      { key: 'Ctrl+RIGHT', commandText: 'seek 85', command: { name: 'seek', seconds: 85, mode: 'relative' } },
    ]);
    expect(user.problems).toEqual(['line 3: expected a key and a command', 'line 4: unsupported command "explode"']);
    const keymap = buildKeymap(parseInputConf('q cycle pause').bindings, parseInputConf('q quit').bindings);
    expect(keymap.get('q')?.command).toEqual({ name: 'quit' });
  });
});
