import type { AttributeType, ScalarAttribute } from './filter';

export interface MultiValuedAttribute {
  readonly path: string;
  /** Sub-attributes by canonical name; `value` is the one a bare comparison on the attribute means. */
  readonly subAttributes: ReadonlyMap<string, ScalarAttribute>;
}

/**
 * What a resource can be filtered and sorted by. Lookups are case-insensitive, as RFC 7643 §2.1
 * makes attribute names.
 */
export class AttributeCatalog {
  private readonly scalars = new Map<string, ScalarAttribute>();
  private readonly multiValued = new Map<string, MultiValuedAttribute>();

  private readonly aliases: ReadonlyMap<string, string>;

  /** `aliases` maps another spelling of a path (a SCIM URN-qualified name) to its canonical path. */
  constructor(
    scalars: readonly ScalarAttribute[],
    multiValued: readonly MultiValuedAttribute[],
    aliases: Readonly<Record<string, string>> = {},
  ) {
    for (const attribute of scalars) this.scalars.set(attribute.path.toLowerCase(), attribute);
    for (const attribute of multiValued) this.multiValued.set(attribute.path.toLowerCase(), attribute);
    this.aliases = new Map(
      Object.entries(aliases).map(([alias, path]) => [alias.toLowerCase(), path.toLowerCase()]),
    );
  }

  scalar(path: string): ScalarAttribute | undefined {
    return this.scalars.get(this.canonical(path));
  }

  multi(path: string): MultiValuedAttribute | undefined {
    return this.multiValued.get(this.canonical(path));
  }

  private canonical(path: string): string {
    const lower = path.toLowerCase();
    return this.aliases.get(lower) ?? lower;
  }

  /** Names for error messages: what a caller could have meant. */
  paths(): string[] {
    return [...this.scalars.values()]
      .map((a) => a.path)
      .concat([...this.multiValued.values()].map((a) => a.path));
  }
}

export const scalar = (path: string, type: AttributeType = 'string', caseExact = false): ScalarAttribute => ({
  path,
  type,
  caseExact,
});

export function multiValued(path: string, subAttributes: readonly ScalarAttribute[]): MultiValuedAttribute {
  return { path, subAttributes: new Map(subAttributes.map((s) => [s.path.toLowerCase(), s])) };
}
