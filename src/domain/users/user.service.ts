import { DomainError, isDomainError } from '../../errors';
import type { AuditAction } from '../audit/audit-event';
import { recordAudit } from '../audit/audit-trail';
import type { EmittedEvent } from '../events/change-event';
import { userChanged, userCreated, userDeleted } from '../events/event-data';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { ExtensionAttributeService } from '../extensions/extension-attribute.service';
import { validateExtensionValues } from '../extensions/validate-extension-values';
import type { AttributeCatalog } from '../filter/attribute-catalog';
import type { FilterInput } from '../filter/filter';
import { resolveFilter } from '../filter/resolve-filter';
import type { Clock } from '../shared/clock';
import type { Page, PageRequest } from '../shared/page';
import { caseKey } from '../shared/text';
import { uuidV7 } from '../shared/uuid-v7';
import type { WriteOptions } from '../shared/versioning';
import { checkVersion, conflictBackoff, orNotFound, versionConflict } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import { checkSort, checkPage } from '../shared/check-page';
import { revokePersonalTokens } from '../tokens/personal-tokens';
import type { PasswordHasher } from './password-hasher';
import type { ExtensionValues, UserAttributes, UserInput, UserPatch, UserRecord, UserSummary } from './user';
import type { ExtensionAttributeDefinition } from './user-attributes';
import { USER_ATTRIBUTES, USER_SORTABLE_MULTI_VALUED, userAttributeCatalog } from './user-attributes';
import { changedAttributes, mergeUserPatch } from './user-changes';
import type { UserWrite } from './user.repository';
import type { WithGroups } from './with-groups';
import { checkPassword, normalizeUserInput } from './validate-user';

/** How often a write without `expectedVersion` is applied again after losing a version race. */
const WRITE_ATTEMPTS = 8;

export class UserService {
  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly extensions: ExtensionAttributeService,
  ) {}

  async find(ctx: RequestContext, id: string): Promise<UserRecord | null> {
    const organizationId = authorize(ctx, 'read');
    return this.shown(ctx, organizationId, await this.store.repositories.users.findById(organizationId, id));
  }

  /** As `find`, with the groups the user is in, directly or nested, read in the same statement. */
  async findWithGroups(ctx: RequestContext, id: string): Promise<WithGroups<UserRecord | null>> {
    const organizationId = authorize(ctx, 'read');
    const found = await this.store.repositories.users.findByIdWithGroups(organizationId, id);
    return { ...found, value: await this.shown(ctx, organizationId, found.value) };
  }

  /** A user read for this request: remembered as stored (see UsersRead), shown as `visible` makes it. */
  private async shown(
    ctx: RequestContext,
    organizationId: string,
    user: UserRecord | null,
  ): Promise<UserRecord | null> {
    if (user) ctx.usersRead?.remember(user);
    return user && (await this.visible(organizationId, [user]))[0];
  }

  /**
   * Whether a credential acting as this user must be refused: the user is deactivated, or was
   * deleted (the audit trail remembers that). Ids that never named a user are not refused, so JWTs
   * of service principals keep working.
   */
  async accessRevoked(organizationId: string, userId: string): Promise<boolean> {
    const user = await this.store.repositories.users.findById(organizationId, userId);
    if (user) return !user.active;
    return this.store.repositories.events.hasEvent(organizationId, userId, 'user.deleted');
  }

  async get(ctx: RequestContext, id: string): Promise<UserRecord> {
    return orNotFound('User', id, await this.find(ctx, id));
  }

  /**
   * The users with these ids, in the order asked, `null` where an id is unknown (DataLoader contract).
   * `'summary'` reads only the summary's fields (and, holding no extension values, prunes nothing):
   * for a caller that has checked it needs nothing else.
   */
  async findMany(ctx: RequestContext, ids: readonly string[]): Promise<(UserRecord | null)[]>;
  async findMany(
    ctx: RequestContext,
    ids: readonly string[],
    view: 'summary',
  ): Promise<(UserSummary | null)[]>;
  async findMany(
    ctx: RequestContext,
    ids: readonly string[],
    view?: 'summary',
  ): Promise<(UserSummary | null)[]> {
    const organizationId = authorize(ctx, 'read');
    const { users } = this.store.repositories;
    const found =
      view === 'summary'
        ? await users.findSummariesByIds(organizationId, ids)
        : await this.visible(organizationId, await users.findByIds(organizationId, ids));
    const byId = new Map<string, UserSummary>(found.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(ctx: RequestContext, filter: FilterInput | null, page: PageRequest): Promise<Page<UserRecord>> {
    return (await this.readPage(ctx, filter, page, false)).value;
  }

  /** As `list`, with the groups each user is in, directly or nested, read in the same statement. */
  listWithGroups(
    ctx: RequestContext,
    filter: FilterInput | null,
    page: PageRequest,
  ): Promise<WithGroups<Page<UserRecord>>> {
    return this.readPage(ctx, filter, page, true);
  }

  private async readPage(
    ctx: RequestContext,
    filter: FilterInput | null,
    page: PageRequest,
    withGroups: boolean,
  ): Promise<WithGroups<Page<UserRecord>>> {
    const organizationId = authorize(ctx, 'read');
    const catalog = await this.catalogOf(organizationId);
    const resolved = filter ? resolveFilter(filter, catalog) : null;
    const checked = checkPage(checkSort(page, catalog, USER_SORTABLE_MULTI_VALUED));
    const { users } = this.store.repositories;
    const found = withGroups
      ? await users.findPageWithGroups(organizationId, resolved, checked)
      : { value: await users.findPage(organizationId, resolved, checked), groupsOf: new Map() };
    return { ...found, value: await this.visiblePage(organizationId, found.value) };
  }

  private async visiblePage(organizationId: string, found: Page<UserRecord>): Promise<Page<UserRecord>> {
    const nodes = await this.visible(
      organizationId,
      found.items.map((item) => item.node),
    );
    if (nodes.every((node, i) => node === found.items[i].node)) return found;
    // Each item keeps its own (lazily encoded) cursor.
    const items = found.items.map((item, i) => ({
      node: nodes[i],
      get cursor() {
        return item.cursor;
      },
    }));
    return { ...found, items };
  }

  /** Values of extension attributes whose definition was removed stay stored but are not shown. */
  private async visible(organizationId: string, users: UserRecord[]): Promise<UserRecord[]> {
    if (users.every((user) => Object.keys(user.extensions).length === 0)) return users;
    const definitions = await this.extensions.definitionsOf(organizationId);
    return users.map((user) => ({ ...user, extensions: pruneExtensions(user.extensions, definitions) }));
  }

  async count(ctx: RequestContext, filter: FilterInput | null): Promise<number> {
    const organizationId = authorize(ctx, 'read');
    const resolved = filter ? resolveFilter(filter, await this.catalogOf(organizationId)) : null;
    return this.store.repositories.users.count(organizationId, resolved);
  }

  async create(ctx: RequestContext, input: UserInput): Promise<UserRecord> {
    const organizationId = authorize(ctx, 'write');
    const definitions = await this.extensions.definitionsOf(organizationId);
    const attributes = withExtensions(normalizeUserInput(input), input.extensions ?? {}, definitions);
    const passwordHash = await this.hashIfGiven(input.password);
    const now = this.clock();
    const row: UserWrite = {
      ...attributes,
      id: uuidV7(now.getTime()),
      organizationId,
      userNameKey: caseKey(attributes.userName),
      passwordHash: passwordHash ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.store.transaction(async (tx) => {
      await tx.users.insert(row);
      const record = toRecord(row, passwordHash !== undefined);
      const changed = changedAttributes(null, attributes);
      await this.audit(tx, ctx, 'user.create', row.id, changed, passwordHash, [userCreated(record)]);
      return record;
    });
  }

  /** Replaces every attribute; a replace without `password` keeps the stored one (SCIM PUT). */
  async replace(
    ctx: RequestContext,
    id: string,
    input: UserInput,
    options: WriteOptions = {},
  ): Promise<UserRecord> {
    const organizationId = authorize(ctx, 'write');
    const definitions = await this.extensions.definitionsOf(organizationId);
    const attributes = withExtensions(normalizeUserInput(input), input.extensions ?? {}, definitions);
    return this.write(ctx, id, 'user.replace', () => attributes, input.password, options);
  }

  async update(
    ctx: RequestContext,
    id: string,
    patch: UserPatch,
    options: WriteOptions = {},
  ): Promise<UserRecord> {
    const organizationId = authorize(ctx, 'write');
    if (patch.userName === null)
      throw new DomainError('BAD_USER_INPUT', 'userName cannot be cleared', { field: 'userName' });
    if (patch.password === null)
      throw new DomainError('BAD_USER_INPUT', 'password cannot be cleared', { field: 'password' });
    const definitions = await this.extensions.definitionsOf(organizationId);
    const next = (current: UserAttributes) => {
      const merged = normalizeUserInput(mergeUserPatch(current, patch));
      // Extension values the patch does not touch are kept, as far as their definitions still exist.
      const values =
        patch.extensions === undefined
          ? pruneExtensions(current.extensions, definitions)
          : (patch.extensions ?? {});
      return withExtensions(merged, values, definitions);
    };
    return this.write(ctx, id, 'user.update', next, patch.password, options);
  }

  async setActive(
    ctx: RequestContext,
    id: string,
    active: boolean,
    options: WriteOptions = {},
  ): Promise<UserRecord> {
    authorize(ctx, 'write');
    return this.write(
      ctx,
      id,
      active ? 'user.activate' : 'user.deactivate',
      (current) => ({ ...current, active }),
      undefined,
      options,
    );
  }

  async delete(ctx: RequestContext, id: string, options: WriteOptions = {}): Promise<UserRecord> {
    const organizationId = authorize(ctx, 'write');
    return this.store.transaction(async (tx) => {
      const current = orNotFound('User', id, await tx.users.findById(organizationId, id));
      checkVersion('User', current, options.expectedVersion);
      await tx.memberships.removeEverywhere(organizationId, id, this.clock());
      await tx.users.delete(organizationId, id);
      const revoked = await revokePersonalTokens(tx, organizationId, id, this.clock());
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'user.delete',
        targetType: 'User',
        targetId: id,
        changes: { userName: current.userName },
        events: [userDeleted(current), ...revoked],
      });
      return current;
    });
  }

  private async write(
    ctx: RequestContext,
    id: string,
    action: AuditAction,
    next: (current: UserAttributes) => UserAttributes,
    password: string | null | undefined,
    options: WriteOptions,
  ): Promise<UserRecord> {
    const passwordHash = await this.hashIfGiven(password);
    // Without expectedVersion the caller did not ask for a particular version: a write that loses a
    // race with another is applied again to the new state instead of failing (as modifyGroup does).
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(ctx, id, action, next, passwordHash, options);
      } catch (error) {
        const retry = options.expectedVersion == null && attempt < WRITE_ATTEMPTS;
        if (!retry || !isDomainError(error) || error.code !== 'VERSION_CONFLICT') throw error;
        await conflictBackoff(attempt);
      }
    }
  }

  private writeOnce(
    ctx: RequestContext,
    id: string,
    action: AuditAction,
    next: (current: UserAttributes) => UserAttributes,
    passwordHash: string | undefined,
    options: WriteOptions,
  ): Promise<UserRecord> {
    return this.store.transaction(async (tx) => {
      const current = await this.current(tx, ctx, id, options.expectedVersion);
      const attributes = next(current);
      const row: UserWrite = {
        ...attributes,
        id,
        organizationId: current.organizationId,
        userNameKey: caseKey(attributes.userName),
        passwordHash,
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: this.clock(),
      };
      if (!(await tx.users.update(row, current))) throw versionConflict('User', id);
      const record = toRecord(row, passwordHash !== undefined || current.hasPassword);
      const changed = changedAttributes(current, attributes);
      const fields = passwordHash === undefined ? changed : [...changed, 'password'];
      const revoked =
        current.active && !record.active
          ? await revokePersonalTokens(tx, current.organizationId, id, row.updatedAt)
          : [];
      await this.audit(tx, ctx, action, id, changed, passwordHash, [
        userChanged(current, record, fields),
        ...revoked,
      ]);
      return record;
    });
  }

  /**
   * The row a write starts from: the one this request read at the expected version, else read now.
   * The UPDATE matches that version either way, so a row that moved since fails as a conflict.
   */
  private async current(
    tx: Repositories,
    ctx: RequestContext,
    id: string,
    expectedVersion: number | null | undefined,
  ): Promise<UserRecord> {
    const organizationId = ctx.principal.organizationId;
    const read = ctx.usersRead?.at(organizationId, id, expectedVersion);
    if (read) return read;
    const current = orNotFound('User', id, await tx.users.findById(organizationId, id));
    checkVersion('User', current, expectedVersion);
    return current;
  }

  private async catalogOf(organizationId: string): Promise<AttributeCatalog> {
    const definitions = await this.extensions.definitionsOf(organizationId);
    return definitions.length === 0 ? USER_ATTRIBUTES : userAttributeCatalog(definitions);
  }

  private async hashIfGiven(password: string | null | undefined): Promise<string | undefined> {
    if (password === undefined || password === null) return undefined;
    return this.hasher.hash(checkPassword(password));
  }

  private audit(
    tx: Repositories,
    ctx: RequestContext,
    action: AuditAction,
    id: string,
    changed: string[],
    hash: string | undefined,
    events: EmittedEvent[],
  ) {
    const fields = hash === undefined ? changed : [...changed, 'password'];
    return recordAudit(tx.audit, ctx, this.clock, {
      action,
      targetType: 'User',
      targetId: id,
      changes: { fields },
      events,
    });
  }
}

function withExtensions(
  attributes: UserAttributes,
  values: ExtensionValues,
  definitions: readonly ExtensionAttributeDefinition[],
): UserAttributes {
  return { ...attributes, extensions: validateExtensionValues(values, definitions) };
}

function pruneExtensions(
  values: ExtensionValues,
  definitions: readonly ExtensionAttributeDefinition[],
): ExtensionValues {
  const defined = new Set(definitions.map((d) => `${d.schema}\u0000${d.name}`));
  return Object.fromEntries(
    Object.entries(values).map(([schema, attributes]) => [
      schema,
      Object.fromEntries(
        Object.entries(attributes).filter(([name]) => defined.has(`${schema}\u0000${name}`)),
      ),
    ]),
  );
}

function toRecord(row: UserWrite, hasPassword: boolean): UserRecord {
  const { passwordHash: _hash, userNameKey: _key, ...record } = row;
  return { ...record, hasPassword };
}
