import { importJWK } from 'jose';
import type { JWK } from 'jose';

/** Signature algorithms a JWKS key may verify, by key type; never HMAC (`oct`). */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const ALGORITHMS_OF_KTY: Readonly<Record<string, readonly string[]>> = {
  RSA: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  EC: ['ES256', 'ES384', 'ES512'],
  OKP: ['EdDSA'],
};
const EC_ALGORITHM: Readonly<Record<string, string>> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};

export interface UsableKeySet {
  readonly keys: readonly JWK[];
  /** One line per key left out and why (kid only: a JWK holds no secret, but keep lines short). */
  readonly dropped: readonly string[];
}

/** Why a whole set was refused; the previous set stays in use. */
export class KeySetRefused extends Error {
  override readonly name = 'KeySetRefused';
}

/**
 * The keys of a fetched JWKS that can verify signatures. The set is refused whole when it is not a
 * JWKS, lists more than `maxKeys` keys or leaves no usable key; single keys are left out when they
 * are symmetric (`oct`), private, for encryption, malformed (jose cannot import them), declare an
 * algorithm their type cannot use, or repeat a `kid` already seen (the first one is kept).
 */
export async function usableKeys(body: unknown, maxKeys: number): Promise<UsableKeySet> {
  const listed = isRecord(body) && Array.isArray(body.keys) ? (body.keys as unknown[]) : undefined;
  if (!listed) throw new KeySetRefused('not a JWKS (no "keys" array)');
  if (listed.length > maxKeys) throw new KeySetRefused(`${listed.length} keys, more than ${maxKeys}`);
  const keys: JWK[] = [];
  const dropped: string[] = [];
  const kids = new Set<string>();
  for (const [index, candidate] of listed.entries()) {
    const problem = await problemOf(candidate, kids);
    const label = isRecord(candidate) && typeof candidate.kid === 'string' ? candidate.kid : `#${index}`;
    if (problem) dropped.push(`${label.slice(0, 80)}: ${problem}`);
    else keys.push(candidate as JWK);
    if (isRecord(candidate) && typeof candidate.kid === 'string') kids.add(candidate.kid);
  }
  if (keys.length === 0) throw new KeySetRefused(`no usable key (${dropped.slice(0, 3).join('; ')})`);
  return { keys, dropped };
}

async function problemOf(key: unknown, kidsSeen: ReadonlySet<string>): Promise<string | undefined> {
  if (!isRecord(key)) return 'not an object';
  if (key.kty === 'oct') return 'symmetric (oct) keys are never taken from a JWKS';
  const algorithms = typeof key.kty === 'string' ? ALGORITHMS_OF_KTY[key.kty] : undefined;
  if (!algorithms) return `unsupported kty ${JSON.stringify(key.kty)}`;
  if (key.kid !== undefined && typeof key.kid !== 'string') return 'kid is not a string';
  if (typeof key.kid === 'string' && kidsSeen.has(key.kid)) return 'duplicate kid';
  if (key.use !== undefined && key.use !== 'sig') return `use is ${JSON.stringify(key.use)}, not "sig"`;
  if (key.alg !== undefined && !algorithms.includes(key.alg as string))
    return `alg ${JSON.stringify(key.alg)} does not fit kty ${key.kty}`;
  if (key.d !== undefined) return 'private key material';
  const alg = (key.alg as string | undefined) ?? defaultAlgorithm(key);
  try {
    const imported = await importJWK(key as unknown as JWK, alg);
    if (imported instanceof Uint8Array || imported.type !== 'public') return 'not a public key';
  } catch (error) {
    return `malformed (${(error as Error).message.slice(0, 80)})`;
  }
  return undefined;
}

function defaultAlgorithm(key: Record<string, unknown>): string {
  if (key.kty === 'EC') return EC_ALGORITHM[String(key.crv)] ?? 'ES256';
  return key.kty === 'OKP' ? 'EdDSA' : 'RS256';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
