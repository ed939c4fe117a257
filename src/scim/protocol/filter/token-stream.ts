/**
 * A cursor over tokens that turns every parse failure into a ScimError naming the offending
 * token and its position. Shared by the filter parser (errors are `invalidFilter`) and the
 * PATCH path parser (errors are `invalidPath`).
 */
import { badRequest } from '../scim-error';
import type { BadRequestType } from '../scim-error';
import type { Token } from './tokenize-filter';

export class TokenStream {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    readonly errorType: BadRequestType,
    /** What is being parsed, for messages: "filter" or "path". */
    readonly subject: string,
  ) {}

  peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  /** True (and consumed) when the next token is the word `keyword`, in any case. */
  acceptKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token.type !== 'word' || token.text.toLowerCase() !== keyword) return false;
    this.index += 1;
    return true;
  }

  expect(type: Token['type'], expected: string): Token {
    const token = this.next();
    return token.type === type ? token : this.unexpected(token, expected);
  }

  expectEnd(): void {
    this.expect('end', `end of ${this.subject}`);
  }

  unexpected(token: Token, expected: string): never {
    return this.fail(`Unexpected ${this.describe(token)} at position ${token.pos}; expected ${expected}`);
  }

  fail(detail: string): never {
    throw badRequest(this.errorType, detail);
  }

  private describe(token: Token): string {
    if (token.type === 'end') return `end of ${this.subject}`;
    const text = token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text;
    return JSON.stringify(text);
  }
}
