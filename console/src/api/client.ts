import { Client, cacheExchange, fetchExchange } from 'urql';
import type { StoredSession } from '../session/token-store';

/** A client for this origin's /graphql, sending the session's token (and organization, if chosen). */
export function createApiClient({ token, organization }: StoredSession): Client {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (organization) headers['X-Organization'] = organization;
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers, credentials: 'omit', referrerPolicy: 'no-referrer' },
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
  });
}
