import { ScimError } from '../../../../../src/scim/protocol';
import type { ScimType } from '../../../../../src/scim/protocol';

/**
 * Runs `action` and asserts it failed with exactly one ScimError of the given status and
 * scimType — never a plain Error, which would surface as a 500.
 */
export function expectScimError(action: () => unknown, status: number, scimType?: ScimType): ScimError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScimError);
  const error = caught as ScimError;
  expect({ status: error.status, scimType: error.scimType }).toEqual({ status, scimType });
  return error;
}
