import { describe, expect, it } from 'vitest';
import { keyName, normaliseKeySpec } from '../../../../renderer/input/keys';

const press = (key: string, modifiers: Partial<{ ctrl: boolean; alt: boolean; meta: boolean; shift: boolean }> = {}, code?: string) => ({
  key,
  code,
  ctrlKey: modifiers.ctrl ?? false,
  altKey: modifiers.alt ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
});

describe('keyName', () => {
  it.each([
    [press(' '), 'SPACE'],
    [press('ArrowLeft'), 'LEFT'],
    [press('ArrowRight', { shift: true }), 'Shift+RIGHT'],
    [press('Escape'), 'ESC'],
    [press('Backspace'), 'BS'],
    [press('p'), 'p'],
    [press('S', { shift: true }), 'S'],
    [press('?', { shift: true }), '?'],
    [press('{', { shift: true }), '{'],
    [press('#', { shift: true }), 'SHARP'],
    [press('s', { ctrl: true }), 'Ctrl+s'],
    [press('1', { ctrl: true }, 'Digit1'), 'Ctrl+1'],
    [press('!', { ctrl: true, shift: true }, 'Digit1'), 'Ctrl+1'],
    [press('F11'), 'F11'],
    [press('ArrowUp', { ctrl: true, alt: true }), 'Ctrl+Alt+UP'],
  ])('%o is %s', (event, expected) => {
    expect(keyName(event)).toBe(expected);
  });

  it.each(['Shift', 'Control', 'Alt', 'Dead', 'Unidentified', 'CapsLock'])('ignores the lone key %s', (key) => {
    expect(keyName(press(key))).toBeNull();
  });
});

describe('normaliseKeySpec', () => {
  it.each([
    ['space', 'SPACE'],
    ['ctrl+s', 'Ctrl+s'],
    ['CTRL+1', 'Ctrl+1'],
    ['Shift+Right', 'Shift+RIGHT'],
    ['shift+s', 'S'],
    ['alt+ctrl+left', 'Ctrl+Alt+LEFT'],
    ['Ctrl++', 'Ctrl++'],
    ['esc', 'ESC'],
    ['f', 'f'],
  ])('%s → %s', (spec, expected) => {
    expect(normaliseKeySpec(spec)).toBe(expected);
  });
});
