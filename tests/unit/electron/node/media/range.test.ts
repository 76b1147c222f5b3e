import { describe, expect, it } from 'vitest';
import { decideRange } from '../../../../../electron/node/media/range';

describe('decideRange', () => {
  const size = 1000;
  it.each([
    ['no header', undefined, { kind: 'full' }],
    ['empty header', '', { kind: 'full' }],
    ['another unit', 'items=0-10', { kind: 'full' }],
    ['malformed spec', 'bytes=abc', { kind: 'full' }],
    ['reversed range', 'bytes=50-10', { kind: 'full' }],
    ['a lone dash', 'bytes=-', { kind: 'full' }],
    ['closed range', 'bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['spaces and case', ' Bytes = 10-19 ', { kind: 'partial', start: 10, end: 19 }],
    ['open range', 'bytes=500-', { kind: 'partial', start: 500, end: 999 }],
    ['open range from zero', 'bytes=0-', { kind: 'partial', start: 0, end: 999 }],
    ['end past the size is clamped', 'bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['last byte', 'bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['suffix range', 'bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['suffix longer than the file', 'bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['suffix of zero', 'bytes=-0', { kind: 'unsatisfiable' }],
    ['start at the size', 'bytes=1000-', { kind: 'unsatisfiable' }],
    ['start past the size', 'bytes=2000-3000', { kind: 'unsatisfiable' }],
    ['overlapping ranges coalesce', 'bytes=0-99,50-199', { kind: 'partial', start: 0, end: 199 }],
    ['adjacent ranges coalesce', 'bytes=0-99,100-199', { kind: 'partial', start: 0, end: 199 }],
    ['one satisfiable among unsatisfiable', 'bytes=5000-6000,10-20', { kind: 'partial', start: 10, end: 20 }],
    ['disjoint ranges: the whole file', 'bytes=0-9,500-509', { kind: 'full' }],
    ['all unsatisfiable', 'bytes=5000-,6000-7000', { kind: 'unsatisfiable' }],
  ] as const)('%s', (_label, header, expected) => {
    expect(decideRange(header, size)).toEqual(expected);
  });

  it('treats every range of an empty file as unsatisfiable', () => {
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
