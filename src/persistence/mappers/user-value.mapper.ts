import type { UserAttributes } from '../../domain/users/user';
import type { UserWrite } from '../../domain/users/user.repository';
import type { SqlParam } from '../dialect';
import { toDbBoolean } from '../dialect';
import { storedKeyOf } from '../keys';
import { USER_VALUE_ATTRIBUTES } from '../filter/user-filter-target';

export type UserValueAttribute = (typeof USER_VALUE_ATTRIBUTES)[number];

export const USER_VALUE_COLUMNS = [
  'user_id',
  'attribute',
  'position',
  'organization_id',
  'value',
  'value_key',
  'type',
  'primary_flag',
  'display',
  'formatted',
  'street_address',
  'locality',
  'region',
  'postal_code',
  'country',
] as const;

/** The multi-valued attributes whose values differ between two versions of a user. */
export function changedValueAttributes(
  next: UserAttributes,
  previous: UserAttributes | null,
): UserValueAttribute[] {
  return USER_VALUE_ATTRIBUTES.filter(
    (attribute) => !previous || JSON.stringify(next[attribute]) !== JSON.stringify(previous[attribute]),
  );
}

/** The `user_values` rows of some of a user's multi-valued attributes, in USER_VALUE_COLUMNS order. */
export function userValueRows(user: UserWrite, attributes: readonly UserValueAttribute[]): SqlParam[][] {
  const rows: SqlParam[][] = [];
  for (const attribute of attributes) {
    if (attribute === 'addresses') {
      user.addresses.forEach((a, position) =>
        rows.push([
          user.id,
          attribute,
          position,
          user.organizationId,
          null,
          null,
          a.type,
          toDbBoolean(a.primary),
          null,
          a.formatted,
          a.streetAddress,
          a.locality,
          a.region,
          a.postalCode,
          a.country,
        ]),
      );
      continue;
    }
    user[attribute].forEach((v, position) =>
      rows.push([
        user.id,
        attribute,
        position,
        user.organizationId,
        v.value,
        storedKeyOf(v.value),
        v.type,
        toDbBoolean(v.primary),
        v.display,
        null,
        null,
        null,
        null,
        null,
        null,
      ]),
    );
  }
  return rows;
}
