import type { ConnectionKind } from './connection';

/**
 * The one table of what the SCIM facade tolerates beyond RFC 7643/7644, by the connection kinds
 * whose identity provider sends it. A connection's `kind` picks its profile: a quirk listed for the
 * kind is tolerated and recorded (request log, `quirksSeen`); any other quirk is refused with the
 * RFC's answer (400 and its scimType), naming the quirk and the kind. `GENERIC_SCIM2` — and every
 * caller without a connection (loose tokens, JWTs) — tolerates all of them, as before profiles.
 *
 * Names are the ones the facade records (src/scim/protocol/patch/patch-quirks.ts and the resource
 * body code); a unit test keeps both lists equal. Sources are the recorded fixtures in
 * test/fixtures/idp and test/fixtures/okta-scim11 and the vendors' documents they cite.
 */
export const QUIRK_KINDS: Readonly<Record<string, readonly ConnectionKind[]>> = {
  // Entra: "Known issues and resolutions with SCIM 2.0 protocol compliance" (Microsoft Learn,
  // application-provisioning-config-problem-scim-compatibility.md): without aadOptscim062020 Entra
  // sends `"active": "False"`, `add` on `emails[type eq "work"].value` for a user with no work email,
  // `{op: Remove, path: members, value: [{value: id}]}`, a bare manager id, and numbers as strings.
  // Fixtures: entra/user-lifecycle.json, entra/work-email-and-manager.json, entra/groups.json.
  'entra:string-boolean': ['ENTRA_SCIM2'],
  'entra:string-number': ['ENTRA_SCIM2'],
  'entra:add-on-unmatched-filter': ['ENTRA_SCIM2'],
  'entra:string-as-complex-value': ['ENTRA_SCIM2'],
  'entra:array-for-single-valued': ['ENTRA_SCIM2'],
  // Entra (groups.json) and OneLogin (onelogin/group-membership.json: authentik issue #11249's
  // request log shows OneLogin removing a member with `path: members` and a `value` list).
  'entra:remove-members-by-value': ['ENTRA_SCIM2', 'ONELOGIN_SCIM2'],
  // OneLogin's SCIM v2 apps whose JSON template predates RFC 7643 send `urn:scim:schemas:core:2.0`
  // and `urn:scim:schemas:extension:enterprise:2.0` (test/integration/scim/idp-request-forms.test.ts,
  // "legacy schema URNs").
  'legacy-schema-urn': ['ONELOGIN_SCIM2'],
  // Okta sends RFC shapes only, in both templates: its SCIM 2.0 Protocol Reference removes a member
  // with `members[value eq "…"]` and deactivates with `{op: replace, value: {active: false}}`
  // (idp/okta/*.json), and its SCIM 1.1 PATCH bodies are translated by the /scim/v1 adapter into
  // complete PatchOp messages (okta-scim11/*.json). Both kinds tolerate nothing.
  // Seen from no identity provider we have a record of: tolerated for GENERIC_SCIM2 only.
  'lenient:missing-patchop-schema': [],
  'lenient:remove-values-by-value': [],
  'lenient:single-value-for-multi-valued': [],
  'lenient:extension-urn-path': [],
  'lenient:member-as-string': [],
};

export const QUIRK_NAMES: readonly string[] = Object.keys(QUIRK_KINDS);

/** What a connection of one kind tolerates. */
export interface CompatibilityProfile {
  readonly kind: ConnectionKind;
  /** Quirk names tolerated (and recorded), in table order. */
  readonly tolerates: readonly string[];
}

/** The profile of a kind; no kind (a caller without a connection) gets GENERIC_SCIM2's. */
export function compatibilityProfileOf(kind: ConnectionKind | undefined | null): CompatibilityProfile {
  const effective = kind ?? 'GENERIC_SCIM2';
  return {
    kind: effective,
    tolerates:
      effective === 'GENERIC_SCIM2'
        ? QUIRK_NAMES
        : QUIRK_NAMES.filter((name) => QUIRK_KINDS[name].includes(effective)),
  };
}
