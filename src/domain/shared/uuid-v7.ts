import { randomFillSync } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/** Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 256 ids instead of two per id. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomPart(length: number): Buffer {
  if (poolOffset + length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const part = Buffer.from(pool.subarray(poolOffset, poolOffset + length));
  poolOffset += length;
  return part;
}

/**
 * RFC 9562 UUIDv7: a 48-bit Unix-millisecond timestamp, then randomness. Ids made in the same
 * millisecond by this process carry an increasing 12-bit counter in `rand_a`, so ids sort in creation
 * order, which keeps B-tree inserts at the right edge and makes `id` a stable keyset for paging.
 */
export function uuidV7(now: number = Date.now()): string {
  if (now <= lastMillis) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMillis += 1;
    now = lastMillis;
  } else {
    lastMillis = now;
    sequence = randomPart(2).readUInt16BE(0) & 0x3ff;
  }
  const bytes = randomPart(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
