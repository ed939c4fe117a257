import type { DocumentNode } from 'graphql';
import { print } from 'graphql';
import { callErrorOf, GraphqlCallError } from './graphql-executor';
import type { CallContext, GraphqlExecutor } from './graphql-executor';

/** How long one GraphQL call may take before the SCIM request fails with 503. */
const TIMEOUT_MS = 30_000;

/**
 * Executes operations against a remote subgraph (`GRAPHQL_URL`), so the facade can run as its own
 * process. The caller's credential is forwarded as is; the channel and audit notes travel in the
 * request's `extensions`, which the subgraph honours for tokens with the `scim` scope. The client's
 * address travels as `X-Forwarded-For`, which the subgraph honours only from an address its
 * TRUST_PROXY trusts: a failed authentication has no scope to vouch for the facade.
 */
export class HttpExecutor implements GraphqlExecutor {
  private readonly printed = new WeakMap<DocumentNode, string>();

  constructor(
    private readonly url: string,
    /** The channel the subgraph records: `scim`, or `scim:1.1` for the /scim/v1 facade. */
    private readonly channel: 'scim' | 'scim:1.1' = 'scim',
  ) {}

  async execute<TData>(
    document: DocumentNode,
    variables: Record<string, unknown>,
    call: CallContext,
  ): Promise<TData> {
    const response = await this.post(document, variables, call);
    const body = (await response.json().catch(() => null)) as { data?: TData; errors?: [] } | null;
    if (response.status === 401) throw new GraphqlCallError('UNAUTHENTICATED', 'Authentication required');
    if (body?.errors?.length) throw callErrorOf(body.errors);
    if (!response.ok || !body?.data) {
      throw new GraphqlCallError(
        response.status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
        `Subgraph answered ${response.status}`,
      );
    }
    return body.data;
  }

  private async post(
    document: DocumentNode,
    variables: Record<string, unknown>,
    call: CallContext,
  ): Promise<Response> {
    try {
      return await fetch(this.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${String(call.caller.credential)}`,
          'X-Request-Id': call.requestId,
          // The subgraph uses it only if its TRUST_PROXY trusts this facade's address (README).
          ...(call.clientAddress && { 'X-Forwarded-For': call.clientAddress }),
          // A platform:admin caller's organization: the subgraph must act in the same one.
          ...(call.caller.organizationHeader && { 'X-Organization': call.caller.organizationHeader }),
        },
        body: JSON.stringify({
          query: this.source(document),
          variables,
          extensions: {
            identity: {
              channel: this.channel,
              notes: call.notes,
              ...(call.scimRequest && { request: call.scimRequest }),
            },
          },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (cause) {
      throw new GraphqlCallError('UNAVAILABLE', 'GraphQL subgraph unreachable', undefined, undefined, cause);
    }
  }

  private source(document: DocumentNode): string {
    let text = this.printed.get(document);
    if (!text) {
      text = print(document);
      this.printed.set(document, text);
    }
    return text;
  }
}
