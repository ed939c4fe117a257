/**
 * Parses the `attributes` / `excludedAttributes` parameters (RFC 7644 §3.9): comma-separated
 * attribute names in standard attribute notation (§3.10), e.g.
 * `userName,name.givenName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 * POST /.search sends them as a JSON array; both forms are accepted.
 *
 * A malformed name is `400 invalidValue`: RFC 7644 §3.12 lists invalidValue as the keyword
 * applicable to GET query parameters, while invalidPath is defined for PATCH paths and
 * invalidSyntax for request bodies. A well-formed name the schema does not define is kept and
 * simply selects nothing — clients send their own attribute lists and an organisation's custom
 * extension may not exist in another.
 */
import { splitAttrPath } from '../attr-path';
import { badRequest } from '../scim-error';

export function parseAttributeList(raw: unknown, parameter = 'attributes'): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const parts = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string')) {
    throw badRequest('invalidValue', `"${parameter}" must be a comma-separated list of attribute names`);
  }
  return parts
    .flatMap((part: string) => part.split(','))
    .flatMap((name) => checkName(name.trim(), parameter));
}

function checkName(name: string, parameter: string): string[] {
  if (name === '') return [];
  if (!splitAttrPath(name)) {
    throw badRequest(
      'invalidValue',
      `"${parameter}" contains an invalid attribute name ${JSON.stringify(name)}`,
    );
  }
  return [name];
}
