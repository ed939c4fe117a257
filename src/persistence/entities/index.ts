import { ApiTokenEntity } from './api-token.entity';
import { AuditEventEntity } from './audit-event.entity';
import { EventSequenceEntity } from './event-sequence.entity';
import {
  ConnectionHealthEntity,
  ConnectionHourlyCountEntity,
  ConnectionQuirkEntity,
} from './connection-health.entity';
import { ConnectionRequestEntity } from './connection-request.entity';
import { ConnectionEntity } from './connection.entity';
import { ExtensionAttributeEntity } from './extension-attribute.entity';
import { GroupMemberEntity } from './group-member.entity';
import { GroupEntity } from './group.entity';
import { OrganizationEntity } from './organization.entity';
import { SetupLinkEntity } from './setup-link.entity';
import { UserValueEntity } from './user-value.entity';
import { UserEntity } from './user.entity';

/** Every entity, listed explicitly (no globs: the same list works under ts-jest/swc and compiled to dist/). */
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  UserValueEntity,
  GroupEntity,
  GroupMemberEntity,
  ApiTokenEntity,
  AuditEventEntity,
  ExtensionAttributeEntity,
  EventSequenceEntity,
  ConnectionEntity,
  ConnectionHealthEntity,
  ConnectionHourlyCountEntity,
  ConnectionRequestEntity,
  ConnectionQuirkEntity,
  SetupLinkEntity,
];
