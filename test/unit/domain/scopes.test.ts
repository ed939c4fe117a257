import { grants, parseScopes } from '../../../src/domain/auth/scopes';

describe('scopes', () => {
  it.each([
    [['identity:read'], 'read', true],
    [['identity:read'], 'write', false],
    [['identity:write'], 'write', true],
    [['identity:write'], 'admin', false],
    [['scim'], 'write', true],
    [['scim'], 'admin', false],
    [['identity:admin'], 'admin', true],
    [['identity:admin'], 'platform', false],
    [['platform:admin'], 'platform', true],
    [['platform:admin'], 'read', false],
  ] as const)('%j grants %s: %s', (scopes, permission, expected) => {
    expect(grants(scopes, permission)).toBe(expected);
  });

  it('rejects unknown and empty scope lists', () => {
    expect(() => parseScopes(['identity:root'])).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => parseScopes([])).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
