/**
 * HTTP Range arithmetic for the media protocol (RFC 9110 §14). Pure, so it is table-tested.
 * Ranges are inclusive byte offsets, as on the wire.
 */
export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

interface ByteRange {
  start: number;
  end: number;
}

const specPattern = /^(\d*)-(\d*)$/;

/** A player asks for one range in a few dozen characters; a longer header is ignored unread. */
export const maximumRangeHeaderLength = 256;

/**
 * Decides how to answer a Range header for a resource of `size` bytes.
 * - no header, another unit, a malformed or an overlong header: the whole resource (RFC allows ignoring it);
 * - no satisfiable range: 416;
 * - ranges that overlap or touch are coalesced; one range left: 206 with it;
 * - several disjoint ranges: the whole resource with 200, since a video element never asks for
 *   them and a multipart answer would buy nothing.
 */
export function decideRange(header: string | null | undefined, size: number): RangeDecision {
  if (!header || header.length > maximumRangeHeaderLength) return { kind: 'full' };
  const trimmed = header.trim();
  const equals = trimmed.indexOf('=');
  if (equals < 0 || trimmed.slice(0, equals).trim().toLowerCase() !== 'bytes') return { kind: 'full' };

  const specs = trimmed
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec.length > 0);
  if (specs.length === 0) return { kind: 'full' };

  const satisfiable: ByteRange[] = [];
  for (const spec of specs) {
    const match = specPattern.exec(spec);
    if (!match) return { kind: 'full' };
    const [, first = '', last = ''] = match;
    if (first === '' && last === '') return { kind: 'full' };
    if (first === '') {
      const suffixLength = Number(last);
      if (suffixLength === 0 || size === 0) continue;
      satisfiable.push({ start: Math.max(0, size - suffixLength), end: size - 1 });
      continue;
    }
    const start = Number(first);
    const end = last === '' ? size - 1 : Number(last);
    if (last !== '' && end < start) return { kind: 'full' };
    if (start >= size) continue;
    satisfiable.push({ start, end: Math.min(end, size - 1) });
  }

  if (satisfiable.length === 0) return { kind: 'unsatisfiable' };
  const merged = coalesce(satisfiable);
  const only = merged.length === 1 ? merged[0] : undefined;
  if (!only) return { kind: 'full' };
  return { kind: 'partial', start: only.start, end: only.end };
}

function coalesce(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end + 1) {
      previous.end = Math.max(previous.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
