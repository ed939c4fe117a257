import type { Repositories } from '../domain/store';
import { SqlApiTokenRepository } from './repositories/api-token.repository';
import { SqlAuditRepository } from './repositories/audit.repository';
import { SqlEventFeedRepository } from './repositories/event-feed.repository';
import { SqlConnectionHealthRepository } from './repositories/connection-health.repository';
import { SqlConnectionRepository } from './repositories/connection.repository';
import { SqlRequestLogRepository } from './repositories/request-log.repository';
import { SqlExtensionAttributeRepository } from './repositories/extension-attribute.repository';
import { SqlGroupRepository } from './repositories/group.repository';
import { SqlMembershipRepository } from './repositories/membership.repository';
import { SqlOrganizationRepository } from './repositories/organization.repository';
import { SqlSetupLinkRepository } from './repositories/setup-link.repository';
import { SqlUserRepository } from './repositories/user.repository';
import type { Sql } from './sql';

/** Every repository over one SQL executor: the pool's, or a transaction's. */
export const createRepositories = (sql: Sql): Repositories => ({
  users: new SqlUserRepository(sql),
  groups: new SqlGroupRepository(sql),
  memberships: new SqlMembershipRepository(sql),
  tokens: new SqlApiTokenRepository(sql),
  organizations: new SqlOrganizationRepository(sql),
  audit: new SqlAuditRepository(sql),
  extensionAttributes: new SqlExtensionAttributeRepository(sql),
  events: new SqlEventFeedRepository(sql),
  connections: new SqlConnectionRepository(sql),
  connectionHealth: new SqlConnectionHealthRepository(sql),
  requestLog: new SqlRequestLogRepository(sql),
  setupLinks: new SqlSetupLinkRepository(sql),
});
