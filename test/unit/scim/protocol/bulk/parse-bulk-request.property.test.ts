import fc from 'fast-check';
import {
  BULK_REQUEST_MESSAGE,
  orderBulkOperations,
  parseBulkPath,
  parseBulkRequest,
  resolveBulkIds,
  ScimError,
} from '../../../../../src/scim/protocol';
import type { BulkLimits, JsonValue } from '../../../../../src/scim/protocol';

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
const anyOf = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** Operations that are mostly well-formed, so parsing gets past the envelope checks. */
const operation = fc.record(
  {
    method: fc.oneof(anyOf(['POST', 'put', 'Patch', 'DELETE', 'GET', '']), jsonValue),
    path: fc.oneof(anyOf(['/Users', '/Groups/1', 'Users/bulkId:a', '/Schemas', '', '/Users/a/b']), jsonValue),
    bulkId: fc.oneof(anyOf(['a', 'b', 'c', '']), jsonValue),
    version: fc.oneof(anyOf(['W/"1"']), jsonValue),
    data: fc.oneof(
      fc.record({
        members: fc.array(fc.record({ value: anyOf(['bulkId:a', 'bulkId:b', 'bulkId:c', 'x']) })),
      }),
      jsonValue,
    ),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  jsonValue,
  fc.record(
    {
      schemas: fc.oneof(fc.constant([BULK_REQUEST_MESSAGE]), jsonValue),
      failOnErrors: fc.oneof(fc.integer({ min: -2, max: 5 }), jsonValue),
      Operations: fc.oneof(fc.array(operation, { maxLength: 6 }), jsonValue),
    },
    { requiredKeys: [] },
  ),
);

const limits: fc.Arbitrary<BulkLimits> = fc.record({
  maxOperations: fc.integer({ min: 0, max: 6 }),
  maxPayloadSize: fc.integer({ min: 0, max: 2000 }),
  payloadSize: fc.integer({ min: 0, max: 2000 }),
});

/** Runs `action`; anything thrown must be a ScimError. */
function returnsOrThrowsScimError(action: () => unknown): boolean {
  try {
    action();
    return true;
  } catch (error) {
    return error instanceof ScimError;
  }
}

describe('bulk request parsing on arbitrary input', () => {
  it('either returns or throws a ScimError, never another exception', () => {
    fc.assert(
      fc.property(body, limits, (input, bulkLimits) =>
        returnsOrThrowsScimError(() => parseBulkRequest(input, bulkLimits)),
      ),
      { numRuns: 1000 },
    );
  });

  it('plans every parsed operation exactly once, and paths and references fail only with ScimErrors', () => {
    const roomy: BulkLimits = { maxOperations: 10, maxPayloadSize: 10, payloadSize: 0 };
    fc.assert(
      fc.property(body, (input) => {
        let parsed;
        try {
          parsed = parseBulkRequest(input, roomy);
        } catch (error) {
          return error instanceof ScimError;
        }
        const steps = orderBulkOperations(parsed.operations);
        const resolved = new Map([['a', 'id-a']]);
        expect(steps.map((step) => step.index).sort((x, y) => x - y)).toEqual(
          parsed.operations.map((_, i) => i),
        );
        return steps.every(
          (step) =>
            returnsOrThrowsScimError(() => parseBulkPath(step.operation.path, step.operation.method)) &&
            returnsOrThrowsScimError(() => resolveBulkIds(step.operation.data ?? null, resolved)),
        );
      }),
      { numRuns: 500 },
    );
  });
});
