import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'idt_';
/** Characters of the secret kept as its visible prefix (`idt_` + 8): enough to tell tokens apart. */
const VISIBLE = TOKEN_PREFIX.length + 8;

/** A new secret: `idt_` and 32 random bytes in base64url (256 bits; guessing is hopeless). */
export const newSecret = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

export const visiblePrefix = (secret: string): string => secret.slice(0, VISIBLE);

export const looksLikeApiToken = (value: string): boolean => value.startsWith(TOKEN_PREFIX);

/** A setup link's secret: `isl_` and 32 random bytes in base64url, hashed like an API token's. */
export const SETUP_LINK_PREFIX = 'isl_';

export const newSetupLinkSecret = (): string => SETUP_LINK_PREFIX + randomBytes(32).toString('base64url');

export const looksLikeSetupLink = (value: string): boolean => value.startsWith(SETUP_LINK_PREFIX);

/** Compares two hex digests in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
