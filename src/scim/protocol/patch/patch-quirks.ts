/**
 * Non-RFC request shapes that PATCH tolerates, by the client known to send them. Each tolerated
 * shape is reported back in `quirks` so the facade can log which client needed what.
 */
export const PATCH_QUIRKS = {
  /** Entra: `add`/`replace` on `emails[type eq "work"].value` when no such email exists creates it. */
  addOnUnmatchedFilter: 'entra:add-on-unmatched-filter',
  /** Entra/Okta: `{op:"remove", path:"members", value:[{value:"id"}]}` removes only those members. */
  removeMembersByValue: 'entra:remove-members-by-value',
  /** Entra: booleans sent as strings, `"False"`. */
  stringBoolean: 'entra:string-boolean',
  /** Entra: numbers sent as strings, `"42"`. */
  stringNumber: 'entra:string-number',
  /** Entra: enterprise `manager` sent as a bare id string instead of `{"value": id}`. */
  stringAsComplexValue: 'entra:string-as-complex-value',
  /** Entra (legacy PATCH): a single-valued attribute sent as a one-element array, `[{"value": id}]`. */
  arrayForSingleValued: 'entra:array-for-single-valued',
  /** The same remove-by-value shape on a multi-valued attribute other than `members`. */
  removeValuesByValue: 'lenient:remove-values-by-value',
  /** A single value given where a multi-valued attribute expects an array. */
  singleValueForMultiValued: 'lenient:single-value-for-multi-valued',
  /** The PatchOp body has no `schemas` member. */
  missingPatchOpSchema: 'lenient:missing-patchop-schema',
  /** `path` is a bare extension URN, targeting the whole extension object. */
  extensionUrnPath: 'lenient:extension-urn-path',
  /** A group member given as a bare id string instead of `{"value": id}`. */
  memberAsString: 'lenient:member-as-string',
} as const;

export type PatchQuirk = (typeof PATCH_QUIRKS)[keyof typeof PATCH_QUIRKS];
