import {
  compatibilityProfileOf,
  QUIRK_NAMES,
} from '../../../../src/domain/connections/compatibility-profile';
import { QUIRK_REFUSALS } from '../../../../src/scim/protocol';

describe('compatibility profiles', () => {
  it('the profile table names exactly the quirks the SCIM facade can tolerate', () => {
    expect([...QUIRK_NAMES].sort()).toEqual(Object.keys(QUIRK_REFUSALS).sort());
  });

  it.each([
    { kind: 'GENERIC_SCIM2' as const, expected: QUIRK_NAMES },
    { kind: undefined, expected: QUIRK_NAMES },
    { kind: 'OKTA_SCIM2' as const, expected: [] },
    { kind: 'OKTA_SCIM11' as const, expected: [] },
    { kind: 'ONELOGIN_SCIM2' as const, expected: ['entra:remove-members-by-value', 'legacy-schema-urn'] },
  ])('$kind tolerates its quirks', ({ kind, expected }) => {
    expect(compatibilityProfileOf(kind).tolerates).toEqual(expected);
    expect(compatibilityProfileOf(kind).kind).toBe(kind ?? 'GENERIC_SCIM2');
  });

  it('ENTRA_SCIM2 tolerates its own quirks and not the lenient or OneLogin ones', () => {
    const { tolerates } = compatibilityProfileOf('ENTRA_SCIM2');
    expect(tolerates.every((name) => name.startsWith('entra:'))).toBe(true);
    expect(tolerates).toHaveLength(6);
  });
});
