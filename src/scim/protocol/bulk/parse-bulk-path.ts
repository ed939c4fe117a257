/**
 * The `path` of a bulk operation (RFC 7644 §3.7): "The resource's relative path to the SCIM
 * service provider's root. If "method" is "POST", the value must specify a resource type
 * endpoint, e.g., /Users or /Groups, whereas all other "method" values must specify the path to a
 * specific resource, e.g., /Users/2819c223-7f76-453a-919d-413861904646."
 *
 * Accepted: `/Users`, `/Groups`, `/Users/{id}`, `/Groups/{id}`, with or without the leading
 * slash, a trailing slash tolerated, the endpoint name in any case (Express routes the single
 * requests case-insensitively, so bulk paths match the same way). The id may be a
 * `bulkId:<id>` reference, resolved later with `resolveBulkIds`.
 *
 * Anything else is `400 invalidSyntax`, not `invalidPath`: RFC 7644 Table 9 defines
 * `invalidPath` for the PATCH "path" attribute ("The "path" attribute was invalid or malformed
 * (see Figure 7)", applicability PATCH), while `invalidSyntax` — "The request body message
 * structure was invalid or did not conform to the request schema" — is the one keyword whose
 * applicability names "Bulk - Section 3.7".
 */
import { badRequest } from '../scim-error';
import type { BulkMethod } from './bulk-operation';

export type BulkResource = 'Users' | 'Groups';

export interface BulkPath {
  readonly resource: BulkResource;
  readonly id?: string;
}

const PATH = /^\/?([A-Za-z]+)(?:\/([^/?#\s]+))?\/?$/;
const RESOURCES: readonly BulkResource[] = ['Users', 'Groups'];

/** The target of a bulk path, or null when it is not one this service serves. */
export function matchBulkPath(path: string): BulkPath | null {
  const match = PATH.exec(path);
  const name = match?.[1]?.toLowerCase();
  const resource = RESOURCES.find((candidate) => candidate.toLowerCase() === name);
  if (!match || !resource) return null;
  const id = match[2];
  return id === undefined ? { resource } : { resource, id };
}

/**
 * Parses `path`; given the operation's `method`, also checks that a POST names an endpoint and
 * every other method names one resource.
 */
export function parseBulkPath(path: string, method?: BulkMethod): BulkPath {
  const parsed = matchBulkPath(path);
  if (!parsed) {
    throw badRequest(
      'invalidSyntax',
      `Bulk path ${JSON.stringify(path)} must be /Users, /Groups, /Users/{id} or /Groups/{id}`,
    );
  }
  if (method === 'POST' && parsed.id !== undefined) {
    throw badRequest(
      'invalidSyntax',
      `A bulk POST path names a resource type endpoint, e.g. /${parsed.resource}`,
    );
  }
  if (method !== undefined && method !== 'POST' && parsed.id === undefined) {
    throw badRequest(
      'invalidSyntax',
      `A bulk ${method} path names one resource, e.g. /${parsed.resource}/{id}`,
    );
  }
  return parsed;
}
