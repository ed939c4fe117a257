import { AttributeCatalog, multiValued, scalar } from '../filter/attribute-catalog';

/** What a group filter or sort may name. */
export const GROUP_ATTRIBUTES = new AttributeCatalog(
  [
    scalar('id', 'string', true),
    scalar('externalId', 'string', true),
    scalar('displayName'),
    scalar('meta.created', 'dateTime'),
    scalar('meta.lastModified', 'dateTime'),
  ],
  [
    multiValued('members', [
      scalar('value', 'string', true),
      scalar('type', 'string', true),
      scalar('display'),
    ]),
  ],
);
