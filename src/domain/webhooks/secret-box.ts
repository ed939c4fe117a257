import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '../../errors';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const FORMAT = 'v1';

/** A signing secret: `whsec_` and base64 of 32 random bytes (Standard Webhooks). */
export const newWebhookSecret = (): string => WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');

/** The key bytes a `whsec_` secret stands for: what the HMAC is keyed with. */
export const secretBytes = (secret: string): Buffer =>
  Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` per the Standard Webhooks specification. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`);
  return `v1,${mac.digest('base64')}`;
}

/** Where a generated key is kept when WEBHOOK_SECRET_KEY is unset: one value for every instance. */
export interface ServiceSettingRepository {
  findOrCreate(name: string, create: () => string): Promise<string>;
}

export const GENERATED_KEY_SETTING = 'webhook_secret_key';

/** A new 32-byte key, base64, as WEBHOOK_SECRET_KEY takes it. */
export const newSecretKey = (): string => randomBytes(32).toString('base64');

/**
 * Webhook secrets at rest: AES-256-GCM under a 32-byte key (WEBHOOK_SECRET_KEY, or one generated
 * on first use and stored in `service_settings`, the same for every instance). Stored as
 * `v1:<iv>:<tag>:<ciphertext>`, base64.
 */
export class SecretBox {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly configuredKey: Buffer | undefined,
    private readonly settings: ServiceSettingRepository,
  ) {}

  private loadKey(): Promise<Buffer> {
    if (this.configuredKey) return Promise.resolve(this.configuredKey);
    this.key ??= this.settings
      .findOrCreate(GENERATED_KEY_SETTING, newSecretKey)
      .then((text) => Buffer.from(text, 'base64'))
      .catch((error: unknown) => {
        this.key = undefined;
        throw error;
      });
    return this.key;
  }

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'))].join(':');
  }

  /** UNAVAILABLE when the key is not the one the secret was sealed with (WEBHOOK_SECRET_KEY changed). */
  async open(sealed: string): Promise<string> {
    const key = await this.loadKey();
    const [format, iv, tag, data] = sealed.split(':');
    try {
      if (format !== FORMAT) throw new Error('format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new DomainError(
        'UNAVAILABLE',
        'The webhook secret cannot be decrypted: WEBHOOK_SECRET_KEY is not the key it was stored with',
      );
    }
  }
}

/** WEBHOOK_SECRET_KEY as given (32 bytes, base64 or hex). */
export function parseSecretKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : null;
}
