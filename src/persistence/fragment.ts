import type { SqlParam } from './dialect';

/** A piece of SQL and the parameters for its `?` placeholders, in order. */
export interface Fragment {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

const isFragment = (value: unknown): value is Fragment =>
  typeof value === 'object' && value !== null && 'sql' in value && 'params' in value;

/**
 * Builds SQL safely: an interpolated Fragment is spliced in with its parameters, any other value
 * becomes a `?` parameter. Identifiers and keywords only ever enter through `raw`, with our own text.
 */
export function sql(strings: TemplateStringsArray, ...values: readonly (Fragment | SqlParam)[]): Fragment {
  let text = strings[0];
  const params: SqlParam[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return { sql: text, params };
}

/** Our own SQL text (identifiers, keywords, operators): never a caller's value. */
export const raw = (text: string): Fragment => ({ sql: text, params: [] });

export function join(fragments: readonly Fragment[], separator: string): Fragment {
  return {
    sql: fragments.map((f) => f.sql).join(separator),
    params: fragments.flatMap((f) => f.params),
  };
}

/** `(?, ?, ?)` for a list of values. */
export const list = (values: readonly SqlParam[]): Fragment => ({
  sql: `(${values.map(() => '?').join(', ')})`,
  params: values,
});
