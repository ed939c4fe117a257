import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/**
 * scrypt parameters (N=2^15, r=8, p=1: 32 MiB a hash). Below OWASP's current recommendation (N=2^17,
 * r=8, p=1, or an equivalent such as N=2^15, r=8, p=3); the stored form carries the parameters, so
 * they can be raised without invalidating stored hashes.
 */
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/** A first-come slot limiter; one per hasher, so two apps in one process do not share a queue. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Hashes waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    // A finishing hash hands its slot straight to the next waiter, so `running` never overshoots.
    if (this.running < this.size) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes with node's scrypt, which runs on libuv's thread pool: hashing never blocks the event loop.
 * Stored form: `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised later.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  private readonly slots: Slots;

  /**
   * `maxConcurrentHashes`: hashes in flight at once (PASSWORD_HASH_CONCURRENCY). Each scrypt holds
   * 32 MiB and a libuv thread; bounding them keeps memory flat during a burst of password writes.
   */
  constructor(maxConcurrentHashes: number) {
    this.slots = new Slots(maxConcurrentHashes);
  }

  /** Hashes waiting for a free slot (the scrypt queue length). */
  get queued(): number {
    return this.slots.queued;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.derive(password, salt, N, R, P);
    return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await this.derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
    return this.slots.run(() => scryptAsync(password, salt, n, r, p));
  }
}
