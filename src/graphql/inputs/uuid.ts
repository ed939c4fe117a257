import { isUuid } from '../../domain/shared/uuid-v7';
import { badInput } from '../../errors';

/** An id argument that must be a UUID: anything else is the caller's mistake, named by `field`. */
export function uuidArg(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, `${field} must be a UUID`);
  return value;
}
