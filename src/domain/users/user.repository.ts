import type { ResolvedFilter } from '../filter/filter';
import type { Page, PageRequest } from '../shared/page';
import type { UserRecord, UserRow, UserSummary } from './user';
import type { WithGroups } from './with-groups';

/** A row to write. `passwordHash: undefined` on update keeps the stored hash. */
export type UserWrite = Omit<UserRow, 'passwordHash'> & { readonly passwordHash?: string | null };

export interface UserRepository {
  findById(organizationId: string, id: string): Promise<UserRecord | null>;
  /** The users among `ids` that exist in the organization, in any order. */
  findByIds(organizationId: string, ids: readonly string[]): Promise<UserRecord[]>;
  /** As `findByIds`, reading only the summary's columns. */
  findSummariesByIds(organizationId: string, ids: readonly string[]): Promise<UserSummary[]>;
  findPage(
    organizationId: string,
    filter: ResolvedFilter | null,
    page: PageRequest,
  ): Promise<Page<UserRecord>>;
  /** As `findById` and `findPage`, with the users' groups read in the same statement. */
  findByIdWithGroups(organizationId: string, id: string): Promise<WithGroups<UserRecord | null>>;
  findPageWithGroups(
    organizationId: string,
    filter: ResolvedFilter | null,
    page: PageRequest,
  ): Promise<WithGroups<Page<UserRecord>>>;
  count(organizationId: string, filter: ResolvedFilter | null): Promise<number>;
  /** Throws DomainError CONFLICT (field userName) when the userName key is taken. */
  insert(row: UserWrite): Promise<void>;
  /**
   * Writes the row if its stored version is `previous.version`; false otherwise (or when it is gone).
   * `previous` lets the repository skip work for attributes that did not change (the email index).
   */
  update(row: UserWrite, previous: UserRecord): Promise<boolean>;
  delete(organizationId: string, id: string): Promise<boolean>;
}
