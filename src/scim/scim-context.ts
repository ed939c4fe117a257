import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { WriteLocks } from './concurrency/keyed-lock';
import type { CallContext, GraphqlExecutor, ScimCaller } from './graphql/graphql-executor';
import type { PageCursors } from './listing/page-cursor-cache';
import type { ResourceSchemas } from './resource-schemas';
import { isKnownQuirk, quirkRefused } from './protocol';

export interface ScimLimits {
  /** Largest page a list returns (`filter.maxResults`). */
  readonly maxResults: number;
  /** Page size when a list names no `count`. */
  readonly defaultCount: number;
  readonly bulkMaxOperations: number;
  readonly bulkMaxPayloadSize: number;
}

/** What every SCIM handler needs, built once by the composition root. */
export interface ScimDeps {
  readonly graphql: GraphqlExecutor;
  readonly limits: ScimLimits;
  readonly pageCursors: PageCursors;
  /** Serializes read-apply-write PATCHes of one resource (across instances with REDIS_URL). */
  readonly writeLocks: WriteLocks;
  readonly schemas: ResourceSchemas;
}

/**
 * One SCIM request: who calls, where resources live (for `meta.location`) and the notes its writes
 * will leave on audit events. Travels in arguments, never on shared objects (STYLE §17).
 */
export class ScimRequest {
  readonly notes: string[] = [];
  readonly auditEventIds: string[] = [];
  /** Users and groups this request created (one POST, or the POSTs of a Bulk request). */
  readonly created = { users: 0, groups: 0 };
  /** What the request's GraphQL calls share (see CallContext.requestScope). */
  private readonly scope = {};

  constructor(
    readonly deps: ScimDeps,
    readonly caller: ScimCaller,
    readonly requestId: string,
    /** Absolute base of this SCIM version, e.g. `https://id.example.com/scim/v2`. */
    readonly baseUrl: string,
    /** The client's address (see CallContext). */
    readonly clientAddress?: string,
  ) {}

  /**
   * Remembers what was adapted or ignored, once each, for the audit log. A quirk the caller's
   * compatibility profile does not tolerate is refused here with RFC 7644's answer, before anything
   * is written (every handler notes what it adapted before its write).
   */
  note(...notes: readonly string[]): void {
    const profile = this.caller.profile;
    for (const note of notes) {
      if (profile && isKnownQuirk(note) && !profile.tolerates.includes(note))
        throw quirkRefused(note, profile.kind);
      if (!this.notes.includes(note)) this.notes.push(note);
    }
  }

  get call(): CallContext {
    return {
      caller: this.caller,
      requestId: this.requestId,
      notes: this.notes,
      auditEventIds: this.auditEventIds,
      clientAddress: this.clientAddress,
      requestScope: this.scope,
    };
  }

  /** Runs one of the generated documents (operations/generated.ts): variables and result are typed. */
  query<TData, TVariables extends object>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    return this.deps.graphql.execute<TData>(document, variables as Record<string, unknown>, this.call);
  }
}
