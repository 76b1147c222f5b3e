import type { ConvLayer, ConvTerm } from './networks';

/**
 * CReLU's two halves rewritten with one max: W₊·max(x, 0) + W₋·max(−x, 0) equals
 * (W₊ + W₋)·max(x, 0) − W₋·x, since max(−x, 0) = max(x, 0) − x. The same number of
 * multiply-adds, but one max per channel and tap instead of two and a negation.
 */
export function foldNegativeHalves(layer: ConvLayer): ConvLayer {
  const tapOf = (term: ConvTerm) => `${term.input},${term.dy},${term.dx}`;
  const find = (sign: ConvTerm['sign'], tap: string) => layer.terms.find((term) => term.sign === sign && tapOf(term) === tap);
  const plus = (matrix: number[], other: number[], scale: number) => matrix.map((value, index) => value + scale * (other[index] ?? 0));
  const terms: ConvTerm[] = [];
  for (const term of layer.terms) {
    const tap = tapOf(term);
    const negative = find('negative', tap);
    if (!negative || !find('positive', tap)) terms.push(term);
    else if (term.sign === 'positive') terms.push({ ...term, matrix: plus(term.matrix, negative.matrix, 1) });
    else if (term.sign === 'identity') terms.push({ ...term, matrix: plus(term.matrix, negative.matrix, -1) });
    // The negative half itself becomes the identity term, unless the tap has one already.
    else if (!find('identity', tap)) terms.push({ ...term, sign: 'identity', matrix: negative.matrix.map((value) => -value) });
  }
  return { ...layer, terms };
}
