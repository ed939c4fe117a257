/** The LIKE escape character: the same literal on both dialects (a backslash would need escaping on MySQL). */
export const LIKE_ESCAPE = '!';

/** A LIKE pattern matching `value` literally: `%`, `_` and the escape character are escaped. */
export function likePattern(op: 'co' | 'sw' | 'ew', value: string): string {
  const literal = value.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
  if (op === 'sw') return `${literal}%`;
  if (op === 'ew') return `%${literal}`;
  return `%${literal}%`;
}
