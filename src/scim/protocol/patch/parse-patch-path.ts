/**
 * Parses a PATCH `path` (RFC 7644 §3.5.2, Figure 7):
 *
 *   PATH = attrPath / valuePath [subAttr]
 *
 * e.g. `title`, `name.givenName`, `emails[type eq "work"]`, `emails[type eq "work"].value`,
 * `members[value eq "2819c223"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 * Any syntax error, including one inside the bracketed filter, is `400 invalidPath`.
 */
import { isAttributeName } from '../attr-path';
import {
  DEFAULT_MAX_FILTER_DEPTH,
  DEFAULT_MAX_FILTER_LENGTH,
  FilterParser,
  openStream,
} from '../filter/parse-filter';
import type { PatchPath } from './patch-operation';

export function parsePatchPath(text: string): PatchPath {
  const stream = openStream(text, 'invalidPath', 'path', DEFAULT_MAX_FILTER_LENGTH);
  const parser = new FilterParser(stream, DEFAULT_MAX_FILTER_DEPTH);
  const path = parser.parsePath(stream.next(), 'resource');
  if (stream.peek().type !== '[') {
    stream.expectEnd();
    return path;
  }
  if (path.subAttribute !== undefined) stream.unexpected(stream.peek(), 'end of path');
  const filter = parser.parseBracket(0);
  const next = stream.next();
  if (next.type === 'end') return { ...path, filter };
  const subAttribute = next.type === 'word' && next.text.startsWith('.') ? next.text.slice(1) : '';
  if (!isAttributeName(subAttribute)) stream.unexpected(next, 'end of path or ".subAttribute"');
  stream.expectEnd();
  return { ...path, filter, subAttribute };
}
