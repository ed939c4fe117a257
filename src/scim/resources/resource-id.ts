import { plainError } from '../protocol';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id we issue is a UUID: anything else names no resource, which SCIM answers with 404. */
export function resourceId(id: string, resource: 'User' | 'Group'): string {
  if (!UUID.test(id)) throw plainError(404, `${resource} ${id.slice(0, 64)} not found`);
  return id.toLowerCase();
}
