/** `meta.version` and the ETag header: a weak entity tag of the row version (RFC 7644 §3.14). */
export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * The version an `If-Match`/`If-None-Match` header names, if it names exactly one of ours. `*`
 * matches any version (undefined). A tag that is not ours can never match (null).
 */
export function versionFromEtag(header: string | undefined): number | null | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}

/** What `meta` is made of: the resource's version and times. */
export interface Versioned {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A resource's `meta`; `location` is `<baseUrl>/Users/<id>` or `<baseUrl>/Groups/<id>`. */
export const scimMeta = (resourceType: 'User' | 'Group', baseUrl: string, r: Versioned) => ({
  resourceType,
  created: r.createdAt,
  lastModified: r.updatedAt,
  location: `${baseUrl}/${resourceType}s/${r.id}`,
  version: etagOf(r.version),
});
