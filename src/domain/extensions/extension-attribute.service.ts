import { badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { uuidV7 } from '../shared/uuid-v7';
import type { Store } from '../store';
import { ENTERPRISE_SCHEMA } from '../users/user-attributes';
import { checkText } from '../users/validate-user';
import type { ExtensionAttributeInput, ExtensionAttributeRecord } from './extension-attribute';

const CORE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const SCHEMA_URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[\x21-\x7e]{1,200}$/;
const TYPES = ['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference'] as const;
/**
 * Other instances see a new definition within this time; this instance sees it at once (and, with
 * REDIS_URL, the others as soon as the change notice reaches them: see `onChange` and `forget`).
 * The SCIM facade's schema cache adds as much again (USER_SCHEMA_CACHE_MS): 5 s in all.
 */
export const DEFINITIONS_CACHE_MS = 2_500;

function checkDefinition(
  input: ExtensionAttributeInput,
): Omit<ExtensionAttributeRecord, 'id' | 'organizationId' | 'createdAt'> {
  if (!SCHEMA_URN.test(input.schema))
    throw badInput(
      'schema',
      'schema must be a URN such as urn:ietf:params:scim:schemas:extension:acme:2.0:User',
    );
  if (
    [CORE_SCHEMA, ENTERPRISE_SCHEMA].includes(input.schema) ||
    input.schema.startsWith('urn:ietf:params:scim:api:')
  ) {
    throw badInput('schema', `${input.schema} is a standard schema and cannot be extended`);
  }
  if (!ATTRIBUTE_NAME.test(input.name))
    throw badInput('name', 'name must start with a letter and hold only letters, digits, - and _');
  if (!(TYPES as readonly string[]).includes(input.type))
    throw badInput('type', `type must be one of ${TYPES.join(', ')}`);
  const canonicalValues = input.canonicalValues ?? [];
  if (canonicalValues.length > 0 && input.type !== 'string')
    throw badInput('canonicalValues', 'canonicalValues apply to string attributes only');
  canonicalValues.forEach((value, i) => checkText(`canonicalValues[${i}]`, value, 256));
  return {
    schema: input.schema,
    name: input.name,
    type: input.type,
    multiValued: input.multiValued ?? false,
    caseExact: input.caseExact ?? false,
    required: input.required ?? false,
    canonicalValues,
    description: checkText('description', input.description, 1024),
  };
}

/** Organization-defined User extension attributes (what Okta's Profile Editor "Add Attribute" maps to). */
export class ExtensionAttributeService {
  private readonly cache = new Map<string, { records: ExtensionAttributeRecord[]; until: number }>();
  private readonly listeners: ((organizationId: string) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext): Promise<ExtensionAttributeRecord[]> {
    return this.definitionsOf(authorize(ctx, 'read'));
  }

  /** The definitions an organization's user reads and writes are checked against (cached briefly). */
  async definitionsOf(organizationId: string): Promise<ExtensionAttributeRecord[]> {
    const cached = this.cache.get(organizationId);
    const now = this.clock().getTime();
    if (cached && cached.until > now) return cached.records;
    const records = await this.store.repositories.extensionAttributes.list(organizationId);
    this.cache.set(organizationId, { records, until: now + DEFINITIONS_CACHE_MS });
    return records;
  }

  /** Called with the organization after its definitions changed through this service. */
  onChange(listener: (organizationId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Drops the cached definitions of an organization whose definitions changed elsewhere. */
  forget(organizationId: string): void {
    this.cache.delete(organizationId);
  }

  private changed(organizationId: string): void {
    this.cache.delete(organizationId);
    for (const listener of this.listeners) listener(organizationId);
  }

  async define(ctx: RequestContext, input: ExtensionAttributeInput): Promise<ExtensionAttributeRecord> {
    const organizationId = authorize(ctx, 'admin');
    const createdAt = this.clock();
    const record: ExtensionAttributeRecord = {
      ...checkDefinition(input),
      id: uuidV7(createdAt.getTime()),
      organizationId,
      createdAt,
    };
    await this.store.transaction(async (tx) => {
      await tx.extensionAttributes.insert(record);
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'extension.define',
        targetType: 'ExtensionAttribute',
        targetId: record.id,
        changes: { schema: record.schema, name: record.name, type: record.type },
      });
    });
    this.changed(organizationId);
    return record;
  }

  /** Removes a definition: stored values stay in the rows, but are no longer returned or accepted. */
  async remove(ctx: RequestContext, schema: string, name: string): Promise<boolean> {
    const organizationId = authorize(ctx, 'admin');
    const removed = await this.store.transaction(async (tx) => {
      const existing = (await tx.extensionAttributes.list(organizationId)).find(
        (d) => d.schema === schema && d.name === name,
      );
      if (!existing) return false;
      await tx.extensionAttributes.delete(organizationId, schema, name);
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'extension.remove',
        targetType: 'ExtensionAttribute',
        targetId: existing.id,
        changes: { schema, name },
      });
      return true;
    });
    this.changed(organizationId);
    return removed;
  }
}
