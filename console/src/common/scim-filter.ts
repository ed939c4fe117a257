import type { Filter, FilterOperator } from '../gql/graphql';

/**
 * The users/groups queries take a structured `Filter`, not SCIM filter text, so the search box
 * translates a SCIM filter (RFC 7644 §3.4.2.2: comparisons, `pr`, `and`/`or`/`not`, parentheses,
 * `emails[type eq "work"]`) into it here. Text that is not a filter is a plain-text search.
 */
export type SearchQuery =
  | { readonly kind: 'none' }
  | { readonly kind: 'filter'; readonly filter: Filter }
  | { readonly kind: 'text'; readonly filter: Filter; readonly notAFilter?: string };

const OPERATORS: Record<string, FilterOperator> = {
  eq: 'EQ',
  ne: 'NE',
  co: 'CO',
  sw: 'SW',
  ew: 'EW',
  gt: 'GT',
  ge: 'GE',
  lt: 'LT',
  le: 'LE',
};

/** `text` → the Filter to send: a SCIM filter as written, or `co` on the given attributes. */
export function searchFilter(text: string, plainTextAttributes: readonly string[]): SearchQuery {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'none' };
  try {
    return { kind: 'filter', filter: parseScimFilter(trimmed) };
  } catch (error) {
    const filter: Filter = {
      or: plainTextAttributes.map((attribute) => ({ condition: { attribute, op: 'CO', value: trimmed } })),
    };
    // Say why only when the text looks like an attempt at a filter (an operator word in it).
    const looksLikeFilter = /\s(eq|ne|co|sw|ew|gt|ge|lt|le|pr|and|or)(\s|$)/i.test(trimmed);
    return { kind: 'text', filter, notAFilter: looksLikeFilter ? (error as Error).message : undefined };
  }
}

type Token =
  { type: 'word'; text: string } | { type: 'string'; value: string } | { type: '(' | ')' | '[' | ']' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ type: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) throw new Error('a quoted value is not closed');
      tokens.push({ type: 'string', value: JSON.parse(input.slice(i, j + 1)) as string });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()[\]"]/.test(input[j])) j++;
      tokens.push({ type: 'word', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

export function parseScimFilter(input: string): Filter {
  const tokens = tokenize(input);
  let at = 0;
  const peekWord = (): string | null => {
    const token = tokens[at];
    return token?.type === 'word' ? token.text.toLowerCase() : null;
  };
  const expect = (type: Token['type']) => {
    if (tokens[at]?.type !== type) throw new Error(`expected "${type}"`);
    at++;
  };

  const orExpr = (): Filter => {
    const parts = [andExpr()];
    while (peekWord() === 'or') {
      at++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0] : { or: parts };
  };
  const andExpr = (): Filter => {
    const parts = [unary()];
    while (peekWord() === 'and') {
      at++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  };
  const unary = (): Filter => {
    if (peekWord() === 'not') {
      at++;
      expect('(');
      const inner = orExpr();
      expect(')');
      return { not: inner };
    }
    if (tokens[at]?.type === '(') {
      at++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    return comparison();
  };
  const comparison = (): Filter => {
    const attribute = tokens[at];
    if (attribute?.type !== 'word' || !/^[A-Za-z][\w:.$-]*$/.test(attribute.text))
      throw new Error('expected an attribute name');
    at++;
    if (tokens[at]?.type === '[') {
      at++;
      const inner = orExpr();
      expect(']');
      return { some: { attribute: attribute.text, filter: inner } };
    }
    const op = peekWord();
    if (op === 'pr') {
      at++;
      return { condition: { attribute: attribute.text, op: 'PR' } };
    }
    if (!op || !OPERATORS[op]) throw new Error(`expected an operator after ${attribute.text}`);
    at++;
    return { condition: { attribute: attribute.text, op: OPERATORS[op], value: value() } };
  };
  const value = (): unknown => {
    const token = tokens[at++];
    if (token?.type === 'string') return token.value;
    if (token?.type === 'word') {
      if (token.text === 'true') return true;
      if (token.text === 'false') return false;
      if (token.text === 'null') return null;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
    }
    throw new Error('a value must be quoted, a number, true, false or null');
  };

  const filter = orExpr();
  if (at !== tokens.length) throw new Error('unexpected text after the filter');
  return filter;
}
