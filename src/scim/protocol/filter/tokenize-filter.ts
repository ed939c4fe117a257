/**
 * Splits a filter (or PATCH path) into tokens, each with its 0-based character position so
 * errors can point at it. Words are not classified here: whether `and` is a keyword or an
 * attribute depends on where it stands, which only the parser knows.
 */
import { badRequest } from '../scim-error';
import type { BadRequestType } from '../scim-error';

export type Token =
  | { readonly type: 'word'; readonly text: string; readonly pos: number }
  | { readonly type: 'string'; readonly value: string; readonly text: string; readonly pos: number }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly pos: number }
  | { readonly type: '(' | ')' | '[' | ']'; readonly text: string; readonly pos: number }
  | { readonly type: 'end'; readonly text: ''; readonly pos: number };

const WHITESPACE = /[ \t\r\n]+/y;
// Attribute names, keywords and URNs: letters, digits and `_ - $ . :`, not starting with a digit or
// `-` (those start numbers). `.value` after `]` in a PATCH path is also a word.
const WORD = /[A-Za-z$._:][A-Za-z0-9_$.:-]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const DELIMITER = /[\s()[\]]/;
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

export function tokenize(input: string, errorType: BadRequestType): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const fail = (detail: string): never => {
    throw badRequest(errorType, detail);
  };
  while (pos < input.length) {
    WHITESPACE.lastIndex = pos;
    if (WHITESPACE.test(input)) {
      pos = WHITESPACE.lastIndex;
      continue;
    }
    const token = readToken(input, pos, fail);
    tokens.push(token);
    pos += token.text.length;
  }
  tokens.push({ type: 'end', text: '', pos: input.length });
  return tokens;
}

function readToken(input: string, pos: number, fail: (detail: string) => never): Token {
  const char = input.charAt(pos);
  if (char === '(' || char === ')' || char === '[' || char === ']') return { type: char, text: char, pos };
  if (char === '"') return readString(input, pos, fail);
  if (char === '-' || (char >= '0' && char <= '9')) return readNumber(input, pos, fail);
  WORD.lastIndex = pos;
  const word = WORD.exec(input);
  if (word) return { type: 'word', text: word[0], pos };
  return fail(`Unexpected character ${JSON.stringify(char)} at position ${pos}`);
}

function readNumber(input: string, pos: number, fail: (detail: string) => never): Token {
  NUMBER.lastIndex = pos;
  const match = NUMBER.exec(input);
  const end = match ? pos + match[0].length : pos;
  if (!match || (end < input.length && !DELIMITER.test(input.charAt(end)))) {
    const bad = input.slice(pos).split(DELIMITER, 1)[0];
    return fail(`Invalid number ${JSON.stringify(bad)} at position ${pos}`);
  }
  const value = Number(match[0]);
  if (!Number.isFinite(value)) return fail(`Number ${match[0]} at position ${pos} is out of range`);
  return { type: 'number', value, text: match[0], pos };
}

/** A JSON string literal (RFC 8259 §7) with every escape, including \uXXXX surrogate pairs. */
function readString(input: string, start: number, fail: (detail: string) => never): Token {
  let value = '';
  let pos = start + 1;
  while (pos < input.length) {
    const char = input.charAt(pos);
    if (char === '"') return { type: 'string', value, text: input.slice(start, pos + 1), pos: start };
    if (char !== '\\') {
      value += char;
      pos += 1;
      continue;
    }
    const escape = input.charAt(pos + 1);
    if (escape === 'u') {
      const hex = input.slice(pos + 2, pos + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail(`Invalid \\u escape at position ${pos}`);
      value += String.fromCharCode(parseInt(hex, 16));
      pos += 6;
    } else if (ESCAPES.has(escape)) {
      value += ESCAPES.get(escape);
      pos += 2;
    } else {
      fail(`Invalid escape ${JSON.stringify(`\\${escape}`)} at position ${pos}`);
    }
  }
  return fail(`Unterminated string starting at position ${start}`);
}
