/** The service's own APIs, called by the tests as an identity provider or another admin would. */
export async function graphql<T>(
  baseUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A SCIM request as Okta sends it (application/scim+json, Bearer token from the console). */
export async function scim(
  url: string,
  token: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method,
    headers: {
      Accept: 'application/scim+json',
      'Content-Type': 'application/scim+json; charset=utf-8',
      'User-Agent': 'Okta SCIM Client 1.0.0',
      Authorization: `Bearer ${token}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/**
 * Okta's "Push New Users" body. An Okta app whose admin added a custom attribute in the Profile
 * Editor under an external namespace sends it as an extension schema this service does not define:
 * the user is created and the request log records the quirk (`ignored-schema:…`).
 */
export const OKTA_CUSTOM_SCHEMA = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

export const oktaUser = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', OKTA_CUSTOM_SCHEMA],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Ada Lovelace',
  locale: 'en-US',
  externalId: '00u1abcd2EFGH3ijk4l5',
  groups: [],
  password: 'Okta-Sent-Pa55word!',
  active: true,
  [OKTA_CUSTOM_SCHEMA]: { costCenter: '42' },
});
