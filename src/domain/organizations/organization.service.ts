import { badInput } from '../../errors';
import type { RequestContext } from '../auth/request-context';
import { authorizeOwnOrganization } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { isUuid, uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import type { OrganizationRecord } from './organization';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function checkSlug(slug: string): string {
  if (!SLUG.test(slug)) {
    throw badInput(
      'slug',
      'slug must be 1-64 lower-case letters, digits or hyphens, not starting or ending with a hyphen',
    );
  }
  return slug;
}

/** Organizations are created by operators (CLI, first start), not through the tenant-scoped API. */
export class OrganizationService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(slug: string, name: string = slug): Promise<OrganizationRecord> {
    return (await this.createWith(slug, name, async () => undefined)).organization;
  }

  /** Creates an organization and runs `within` (e.g. issuing its first tokens) in the same transaction. */
  async createWith<T>(
    slug: string,
    name: string,
    within: (tx: Repositories, organization: OrganizationRecord) => Promise<T>,
  ): Promise<{ organization: OrganizationRecord; result: T }> {
    const createdAt = this.clock();
    const organization: OrganizationRecord = {
      id: uuidV7(createdAt.getTime()),
      slug: checkSlug(slug),
      name: name.slice(0, 256),
      createdAt,
    };
    return this.store.transaction(async (tx) => {
      await tx.organizations.insert(organization);
      return { organization, result: await within(tx, organization) };
    });
  }

  async findBySlug(slug: string): Promise<OrganizationRecord | null> {
    return this.store.repositories.organizations.findBySlug(slug);
  }

  async getBySlug(slug: string): Promise<OrganizationRecord> {
    return orNotFound('Organization', slug, await this.findBySlug(slug));
  }

  /** The organization a JWT's `org` claim names, by id or by slug. */
  async findByIdOrSlug(reference: string): Promise<OrganizationRecord | null> {
    const organizations = this.store.repositories.organizations;
    return isUuid(reference) ? organizations.findById(reference) : organizations.findBySlug(reference);
  }

  async list(): Promise<OrganizationRecord[]> {
    return this.store.repositories.organizations.list();
  }

  async isEmpty(): Promise<boolean> {
    return (await this.store.repositories.organizations.count()) === 0;
  }

  /** The caller's own organization (the `viewer` query). */
  async current(ctx: RequestContext): Promise<OrganizationRecord> {
    const id = authorizeOwnOrganization(ctx);
    return orNotFound('Organization', id, await this.store.repositories.organizations.findById(id));
  }
}
