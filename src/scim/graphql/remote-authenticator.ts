import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import { DomainError } from '../../errors';
import type { GraphqlExecutor, ScimCaller } from './graphql-executor';

const notAScimCredential = () =>
  new DomainError(
    'FORBIDDEN',
    "A setup link is not a SCIM credential: configure the identity provider with the connection's API token",
  );

const VIEWER = parse(`query ScimViewer { viewer { subject scopes organization { id } } }`);
const CACHE_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Authenticates SCIM callers when the facade runs apart from the subgraph: the subgraph decides
 * (it answers `viewer` or 401), and the answer is remembered briefly per credential hash so a
 * 100,000-user import does not double its calls. A revoked token stops working within CACHE_MS.
 */
export class RemoteAuthenticator {
  private readonly cache = new Map<string, { caller: ScimCaller; until: number }>();

  constructor(
    private readonly executor: GraphqlExecutor,
    private readonly credentialOf: (authorization: string | undefined) => string,
  ) {}

  /** `clientAddress` goes with the `viewer` call: a wrong token counts against its client at the subgraph. */
  async authenticate(authorization: string | undefined, clientAddress?: string): Promise<ScimCaller> {
    const credential = this.credentialOf(authorization);
    const key = createHash('sha256').update(credential).digest('hex');
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.caller;
    const pending: ScimCaller = { credential, organizationId: '', scopes: [] };
    const { viewer } = await this.executor.execute<{
      viewer: { subject: string; scopes: string[]; organization: { id: string } };
    }>(VIEWER, {}, { caller: pending, requestId: '', notes: [], clientAddress });
    // The subgraph accepts a setup link on /graphql (its visitor's console); SCIM never does.
    if (viewer.subject.startsWith('setup-link:')) throw notAScimCredential();
    const caller: ScimCaller = {
      credential,
      organizationId: viewer.organization.id,
      scopes: viewer.scopes,
      subject: viewer.subject,
    };
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { caller, until: Date.now() + CACHE_MS });
    return caller;
  }
}
