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

/**
 * Waits before retrying a write that lost a version race: full-jitter exponential backoff, so writers
 * racing on one row spread out instead of colliding again on every attempt.
 */
export function conflictBackoff(attempt: number): Promise<void> {
  const ceiling = Math.min(5 * 2 ** attempt, 200);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
