/**
 * Recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar (Figure 1), with the
 * precedence the RFC's Table 5 implies: `not` binds tighter than `and`, which binds tighter than
 * `or`; parentheses group. Operators and keywords are case-insensitive.
 *
 *   expression := and-expr ("or" and-expr)*
 *   and-expr   := unary ("and" unary)*
 *   unary      := "not" "(" expression ")" | "(" expression ")" | attribute-expr
 *   attribute-expr := attrPath ( "pr" | compareOp compValue | "[" expression "]" )
 *
 * `not` must be followed by "(" (RFC grammar: `*1"not" "(" FILTER ")"`); otherwise the word is
 * read as an attribute name. Inside brackets only plain sub-attribute names are allowed and
 * brackets do not nest.
 *
 * One extension: a value filter followed by a sub-attribute and a comparison,
 * `emails[type eq "work"].value eq "x"`. RFC 7644's filter grammar has no such form, but
 * Microsoft Entra ID documents it for matching users by work email (and sends it); it means
 * `emails[type eq "work" and value eq "x"]` and is parsed as exactly that.
 *
 * Abuse guards: input longer than `maxLength` is rejected before tokenizing, and every "(",
 * "not (" and "[" counts one nesting level up to `maxDepth` — which also bounds recursion.
 */
import type { AttrPath } from '../attr-path';
import { isAttributeName, splitAttrPath } from '../attr-path';
import { badRequest } from '../scim-error';
import type { BadRequestType } from '../scim-error';
import type { CompareValue, Filter } from './filter-ast';
import { isCompareOperator } from './filter-ast';
import { TokenStream } from './token-stream';
import type { Token } from './tokenize-filter';
import { tokenize } from './tokenize-filter';

export interface FilterLimits {
  readonly maxLength?: number;
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_FILTER_LENGTH = 10_000;
export const DEFAULT_MAX_FILTER_DEPTH = 50;

/** Where a path is read: at resource level, or inside `[...]` where it names a sub-attribute. */
export type PathScope = 'resource' | 'value';

export function parseFilter(text: string, limits: FilterLimits = {}): Filter {
  const stream = openStream(text, 'invalidFilter', 'filter', limits.maxLength ?? DEFAULT_MAX_FILTER_LENGTH);
  const filter = new FilterParser(stream, limits.maxDepth ?? DEFAULT_MAX_FILTER_DEPTH).parseExpression(
    'resource',
    0,
  );
  stream.expectEnd();
  return filter;
}

export function openStream(
  text: string,
  errorType: BadRequestType,
  subject: string,
  maxLength: number,
): TokenStream {
  if (text.length > maxLength) {
    throw badRequest(
      errorType,
      `The ${subject} is ${text.length} characters long; the maximum is ${maxLength}`,
    );
  }
  return new TokenStream(tokenize(text, errorType), errorType, subject);
}

export class FilterParser {
  constructor(
    private readonly stream: TokenStream,
    private readonly maxDepth: number,
  ) {}

  parseExpression(scope: PathScope, depth: number): Filter {
    const filters = [this.parseAnd(scope, depth)];
    while (this.stream.acceptKeyword('or')) filters.push(this.parseAnd(scope, depth));
    return filters.length === 1 ? (filters[0] as Filter) : { kind: 'or', filters };
  }

  /** Parses `[ expression ]` after a multi-valued attribute; the "[" is the next token. */
  parseBracket(depth: number): Filter {
    return this.parseBracketAt(depth).filter;
  }

  /** The bracketed filter and where its "]" is. */
  private parseBracketAt(depth: number): { filter: Filter; end: number } {
    this.enter(this.stream.expect('[', '"["'), depth + 1);
    const filter = this.parseExpression('value', depth + 1);
    const closing = this.stream.expect(']', '"]" or a logical operator');
    return { filter, end: closing.pos + 1 };
  }

  parsePath(token: Token, scope: PathScope): AttrPath {
    const path = token.type === 'word' ? splitAttrPath(token.text) : null;
    if (!path) return this.stream.unexpected(token, 'an attribute path');
    if (scope === 'value' && (path.schema !== undefined || path.subAttribute !== undefined)) {
      this.stream.fail(
        `Expected a sub-attribute name inside "[...]" but found "${token.text}" at position ${token.pos}`,
      );
    }
    return path;
  }

  private parseAnd(scope: PathScope, depth: number): Filter {
    const filters = [this.parseUnary(scope, depth)];
    while (this.stream.acceptKeyword('and')) filters.push(this.parseUnary(scope, depth));
    return filters.length === 1 ? (filters[0] as Filter) : { kind: 'and', filters };
  }

  private parseUnary(scope: PathScope, depth: number): Filter {
    const token = this.stream.peek();
    if (token.type === '(') return this.parseGroup(scope, depth);
    if (token.type !== 'word') return this.stream.unexpected(token, 'an attribute path, "(" or "not"');
    this.stream.next();
    if (token.text.toLowerCase() === 'not' && this.stream.peek().type === '(') {
      return { kind: 'not', filter: this.parseGroup(scope, depth) };
    }
    return this.parseAttributeExpression(token, scope, depth);
  }

  private parseGroup(scope: PathScope, depth: number): Filter {
    this.enter(this.stream.expect('(', '"("'), depth + 1);
    const filter = this.parseExpression(scope, depth + 1);
    this.stream.expect(')', '")" or a logical operator');
    return filter;
  }

  private parseAttributeExpression(pathToken: Token, scope: PathScope, depth: number): Filter {
    const path = this.parsePath(pathToken, scope);
    const token = this.stream.peek();
    if (token.type === '[' && scope === 'resource' && path.subAttribute === undefined) {
      const { filter, end } = this.parseBracketAt(depth);
      return { kind: 'valuePath', path, filter: this.parseSubAttributeTail(filter, end) };
    }
    if (token.type === '[')
      this.stream.fail(`Value filters cannot be nested or follow a sub-attribute (position ${token.pos})`);
    return this.parseCondition(path, pathToken);
  }

  /** `pr` or `op value` after a path. */
  private parseCondition(path: AttrPath, pathToken: Token): Filter {
    const token = this.stream.next();
    const op = token.type === 'word' ? token.text.toLowerCase() : '';
    if (op === 'pr') return { kind: 'present', path };
    if (isCompareOperator(op)) return { kind: 'compare', path, op, value: this.parseValue() };
    return this.stream.unexpected(token, `"pr" or a comparison operator after "${pathToken.text}"`);
  }

  /** `].value eq "x"` after a value filter (Entra, see above) joins the bracket with `and`. */
  private parseSubAttributeTail(filter: Filter, bracketEnd: number): Filter {
    const token = this.stream.peek();
    if (token.type !== 'word' || !token.text.startsWith('.') || token.pos !== bracketEnd) return filter;
    const name = token.text.slice(1);
    if (!isAttributeName(name)) return this.stream.unexpected(token, 'a sub-attribute name after "]"');
    this.stream.next();
    const tail = this.parseCondition({ attribute: name }, token);
    return { kind: 'and', filters: [...(filter.kind === 'and' ? filter.filters : [filter]), tail] };
  }

  private parseValue(): CompareValue {
    const token = this.stream.next();
    if (token.type === 'string' || token.type === 'number') return token.value;
    const word = token.type === 'word' ? token.text.toLowerCase() : '';
    // JSON literals are lower-case; `True` and `NULL` are accepted because identity providers
    // build filters by string concatenation and the meaning is unambiguous.
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return this.stream.unexpected(token, 'a value (a JSON string, number, true, false or null)');
  }

  private enter(token: Token, depth: number): void {
    if (depth > this.maxDepth) {
      this.stream.fail(
        `The ${this.stream.subject} nests deeper than ${this.maxDepth} levels at position ${token.pos}`,
      );
    }
  }
}
