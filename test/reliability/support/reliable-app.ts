import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { logCapture } from './log-capture';

/**
 * `startTestApp` with its log captured (level debug) and its tokens remembered as secrets, so the
 * file's logs are checked for leaks afterwards.
 */
export async function startReliableApp(
  env: Record<string, string> = {},
  database?: { url: string; drop(): Promise<void> },
): Promise<TestApp> {
  const sut = await startTestApp(env, database, { logger: logCapture.logger() });
  for (const tenant of [sut.tenant, sut.other]) {
    logCapture.secret(tenant.adminToken, tenant.scimToken, tenant.readToken);
  }
  return sut;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** Nothing in an error body that only the server should know: SQL, stack frames, file paths, driver codes. */
export const INTERNALS =
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\bat .+:\d+:\d+|\/work\/|node_modules|\.ts:\d+|SQLITE_|ER_[A-Z_]+|ECONN|QueryFailedError|TypeError|ReferenceError/;
