import { DomainError, notFound } from '../../errors';

/** Options of a write that can race: fail unless the stored version is `expectedVersion`. */
export interface WriteOptions {
  readonly expectedVersion?: number | null;
}

export const versionConflict = (what: string, id: string): DomainError =>
  new DomainError(
    'VERSION_CONFLICT',
    `${what} ${id} was changed by another request; read it again and retry`,
    {
      field: 'expectedVersion',
    },
  );

export function checkVersion(
  what: string,
  current: { id: string; version: number },
  expected?: number | null,
): void {
  if (expected !== undefined && expected !== null && expected !== current.version)
    throw versionConflict(what, current.id);
}

export function orNotFound<T>(what: string, id: string, value: T | null): T {
  if (value === null) throw notFound(what, id);
  return value;
}
