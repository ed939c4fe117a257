/** What one `applyPatch` call accumulates besides the resource: tolerated quirks and ignored names. */
import type { PatchQuirk } from './patch-quirks';

export interface PatchContext {
  readonly quirks: Set<PatchQuirk>;
  /** Attribute names in a request value that the schema does not define (reported, not applied). */
  readonly ignored: Set<string>;
}

export function createPatchContext(): PatchContext {
  return { quirks: new Set(), ignored: new Set() };
}
