import { plainError } from '../protocol';

/**
 * The ids we issue are UUIDv7, and the GraphQL API refuses (400) anything that is not an RFC 9562
 * UUID of a defined version (1–8) and the RFC variant. Any other string — the nil UUID, a version 0
 * or 9 UUID, not a UUID at all — names no resource we ever issued: 404 on every method, without
 * asking GraphQL.
 */
const ISSUABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function resourceId(id: string, resource: 'User' | 'Group'): string {
  if (!ISSUABLE.test(id)) throw plainError(404, `${resource} ${id.slice(0, 64)} not found`);
  return id.toLowerCase();
}
