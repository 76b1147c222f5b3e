import { describe, expect, it } from 'vitest';
import { formatTime } from '../../../../renderer/player/format';

describe('formatTime', () => {
  it.each([
    [0, '0:00'],
    [9.9, '0:09'],
    [83.4, '1:23'],
    [3723, '1:02:03'],
    [-5, '0:00'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
  ])('%s → %s', (seconds, expected) => {
    expect(formatTime(seconds)).toBe(expected);
  });
});
