import { splitAttrPath } from '../../../../src/scim/protocol/attr-path';
import type { JsonObject } from '../../../../src/scim/protocol/json';
import { setIgnoringCase } from '../../../../src/scim/protocol/json';

describe('setIgnoringCase', () => {
  it('replaces a differently-cased key and keeps names of Object.prototype as own data', () => {
    const object: JsonObject = JSON.parse('{"UserName":"a","__proto__":{"x":1}}') as JsonObject;
    setIgnoringCase(object, 'userName', 'b');
    setIgnoringCase(object, 'constructor', 'c');
    setIgnoringCase(object, 'toString', 'd');
    setIgnoringCase(object, '__proto__', 'e');
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.entries(object)).toEqual([
      ['__proto__', 'e'],
      ['userName', 'b'],
      ['constructor', 'c'],
      ['toString', 'd'],
    ]);
    expect(JSON.stringify(object)).toBe('{"__proto__":"e","userName":"b","constructor":"c","toString":"d"}');
  });
});

describe('splitAttrPath', () => {
  it('names only the parts that are written', () => {
    expect(Object.keys(splitAttrPath('userName') ?? {})).toEqual(['attribute']);
    expect(splitAttrPath('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    expect(Object.keys(splitAttrPath('urn:ietf:params:scim:schemas:core:2.0:User:name') ?? {})).toEqual([
      'schema',
      'attribute',
    ]);
    expect(splitAttrPath('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName')).toEqual({
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attribute: 'name',
      subAttribute: 'familyName',
    });
    expect(splitAttrPath('a.b.c')).toBeNull();
  });
});
