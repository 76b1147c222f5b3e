/**
 * The size and condition expressions of mpv's user shaders (`//!WIDTH`, `//!HEIGHT`, `//!WHEN`):
 * reverse Polish notation over numbers, texture sizes (`NAME.w`, `NAME.width`, `NAME.h`,
 * `NAME.height`) and `//!PARAM` values, with `+ - * / % > < = !` — as libplacebo evaluates them,
 * every value a float, comparisons giving 1 or 0.
 */
export type RpnToken =
  | { kind: 'number'; value: number }
  | { kind: 'size'; texture: string; axis: 'w' | 'h' }
  | { kind: 'variable'; name: string }
  | { kind: 'operator'; operator: '+' | '-' | '*' | '/' | '%' | '>' | '<' | '=' | '!' };

export interface RpnExpression {
  source: string;
  tokens: RpnToken[];
}

/** What an expression may refer to: the size of a texture (null when there is none by that name), a parameter's value. */
export interface RpnScope {
  size(texture: string): { width: number; height: number } | null;
  variable(name: string): number | null;
}

const operators = new Set(['+', '-', '*', '/', '%', '>', '<', '=', '!']);
const maximumTokens = 256;

/** Splits an expression into tokens; throws a plain-words reason for anything else. */
export function parseRpn(source: string): RpnExpression {
  const words = source.trim().split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) throw new Error('the expression is empty');
  if (words.length > maximumTokens) throw new Error(`the expression has more than ${maximumTokens} parts`);
  const tokens = words.map((word): RpnToken => {
    if (operators.has(word)) return { kind: 'operator', operator: word as Extract<RpnToken, { kind: 'operator' }>['operator'] };
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) return { kind: 'number', value: Number(word) };
    const size = /^([A-Za-z_][A-Za-z0-9_]*)\.(w|width|h|height)$/.exec(word);
    if (size) return { kind: 'size', texture: size[1] ?? '', axis: size[2]?.startsWith('w') ? 'w' : 'h' };
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) return { kind: 'variable', name: word };
    throw new Error(`“${word}” is neither a number, a texture size (NAME.w, NAME.h), a parameter nor an operator`);
  });
  // Checked once here, so that evaluation per frame cannot run short of operands.
  let depth = 0;
  for (const token of tokens) {
    if (token.kind !== 'operator') depth++;
    else if (token.operator === '!') {
      if (depth < 1) throw new Error('“!” has nothing to negate');
    } else {
      if (depth < 2) throw new Error(`“${token.operator}” needs two values before it`);
      depth--;
    }
  }
  if (depth !== 1) throw new Error(`the expression leaves ${depth} values instead of one`);
  return { source, tokens };
}

/** The names an expression reads: textures whose sizes it needs, and parameters. */
export function rpnReferences(expression: RpnExpression): { textures: string[]; variables: string[] } {
  const textures = new Set<string>();
  const variables = new Set<string>();
  for (const token of expression.tokens) {
    if (token.kind === 'size') textures.add(token.texture);
    if (token.kind === 'variable') variables.add(token.name);
  }
  return { textures: [...textures], variables: [...variables] };
}

export function evaluateRpn(expression: RpnExpression, scope: RpnScope): number {
  const stack: number[] = [];
  for (const token of expression.tokens) {
    switch (token.kind) {
      case 'number':
        stack.push(token.value);
        break;
      case 'size': {
        const size = scope.size(token.texture);
        if (!size) throw new Error(`“${expression.source}” reads the size of ${token.texture}, which is not available here`);
        stack.push(token.axis === 'w' ? size.width : size.height);
        break;
      }
      case 'variable': {
        const value = scope.variable(token.name);
        if (value === null) throw new Error(`“${expression.source}” reads ${token.name}, which is neither a texture nor a parameter`);
        stack.push(value);
        break;
      }
      case 'operator': {
        if (token.operator === '!') {
          stack.push((stack.pop() ?? 0) === 0 ? 1 : 0);
          break;
        }
        const right = stack.pop() ?? 0;
        const left = stack.pop() ?? 0;
        stack.push(apply(token.operator, left, right));
        break;
      }
    }
  }
  return stack.pop() ?? 0;
}

function apply(operator: Exclude<Extract<RpnToken, { kind: 'operator' }>['operator'], '!'>, left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    case '%':
      // libplacebo's fmodf: the sign follows the dividend.
      return left % right;
    case '>':
      return left > right ? 1 : 0;
    case '<':
      return left < right ? 1 : 0;
    case '=':
      return left === right ? 1 : 0;
  }
}
