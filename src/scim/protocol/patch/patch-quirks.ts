import type { BadRequestType, ScimError } from '../scim-error';
import { badRequest } from '../scim-error';
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

/** Pre-RFC schema URNs in a resource body (`urn:scim:schemas:core:2.0`), renamed to RFC 7643's. */
export const LEGACY_SCHEMA_URN_QUIRK = 'legacy-schema-urn';

/**
 * Every quirk the facade can tolerate, with what RFC 7644 answers a client whose connection's
 * profile does not allow it (§3.12 keywords): a value of the wrong type or shape is `invalidValue`,
 * a message that is not a valid PatchOp or resource is `invalidSyntax`, a path outside the grammar
 * of §3.5.2 is `invalidPath`, and a value filter that matches nothing is `noTarget` (§3.5.2.3).
 */
export const QUIRK_REFUSALS: Readonly<Record<PatchQuirk | typeof LEGACY_SCHEMA_URN_QUIRK, BadRequestType>> = {
  [PATCH_QUIRKS.addOnUnmatchedFilter]: 'noTarget',
  [PATCH_QUIRKS.removeMembersByValue]: 'invalidValue',
  [PATCH_QUIRKS.stringBoolean]: 'invalidValue',
  [PATCH_QUIRKS.stringNumber]: 'invalidValue',
  [PATCH_QUIRKS.stringAsComplexValue]: 'invalidValue',
  [PATCH_QUIRKS.arrayForSingleValued]: 'invalidValue',
  [PATCH_QUIRKS.removeValuesByValue]: 'invalidValue',
  [PATCH_QUIRKS.singleValueForMultiValued]: 'invalidValue',
  [PATCH_QUIRKS.missingPatchOpSchema]: 'invalidSyntax',
  [PATCH_QUIRKS.extensionUrnPath]: 'invalidPath',
  [PATCH_QUIRKS.memberAsString]: 'invalidValue',
  [LEGACY_SCHEMA_URN_QUIRK]: 'invalidSyntax',
};

/** What each quirk is, for the detail of a refusal. */
const QUIRK_SHAPES: Readonly<Record<keyof typeof QUIRK_REFUSALS, string>> = {
  [PATCH_QUIRKS.addOnUnmatchedFilter]: 'a value filter in a PATCH path that matches no value',
  [PATCH_QUIRKS.removeMembersByValue]: 'a remove operation on "members" that carries a value',
  [PATCH_QUIRKS.stringBoolean]: 'a boolean sent as a string',
  [PATCH_QUIRKS.stringNumber]: 'a number sent as a string',
  [PATCH_QUIRKS.stringAsComplexValue]: 'a bare string where a complex value ({"value": …}) is required',
  [PATCH_QUIRKS.arrayForSingleValued]: 'an array for a single-valued attribute',
  [PATCH_QUIRKS.removeValuesByValue]: 'a remove operation that carries a value',
  [PATCH_QUIRKS.singleValueForMultiValued]: 'a single value where a multi-valued attribute needs an array',
  [PATCH_QUIRKS.missingPatchOpSchema]: 'a PATCH body without the PatchOp "schemas"',
  [PATCH_QUIRKS.extensionUrnPath]: 'a PATCH path that is a bare extension schema URN',
  [PATCH_QUIRKS.memberAsString]: 'a group member given as a bare id string',
  [LEGACY_SCHEMA_URN_QUIRK]: 'a pre-RFC schema URN (urn:scim:schemas:…)',
};

export function isKnownQuirk(name: string): name is keyof typeof QUIRK_REFUSALS {
  return Object.prototype.hasOwnProperty.call(QUIRK_REFUSALS, name);
}

/** The RFC 7644 answer to a quirk the connection's kind does not allow. */
export function quirkRefused(name: keyof typeof QUIRK_REFUSALS, kind: string): ScimError {
  return badRequest(
    QUIRK_REFUSALS[name],
    `The request needs the non-standard shape "${name}" (${QUIRK_SHAPES[name]}), which a connection of kind ${kind} does not allow; send it as RFC 7644 specifies, or use a connection of a kind that tolerates it`,
  );
}
