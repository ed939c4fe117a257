import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { badInput } from '../errors';

/** An address the worker connects to: one the guard resolved and checked (beats DNS rebinding). */
export interface CheckedTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Where a webhook may not go: loopback, private (RFC 1918, unique-local), link-local (with the cloud
 * metadata address 169.254.169.254), carrier-grade NAT, "this network", multicast and reserved ranges.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  // IPv4-mapped IPv6 (`::ffff:127.0.0.1`, which URL parsing turns into `::ffff:7f00:1`) is the IPv4 address.
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return PRIVATE.check(dotted[1], 'ipv4');
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return PRIVATE.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The SSRF rule, applied when an endpoint is created and again before every delivery: only
 * `https://` URLs whose host resolves to public addresses only. WEBHOOK_ALLOW_PRIVATE=true lifts
 * both (private addresses and plain `http://`), for tests and closed networks.
 */
export class AddressGuard {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolve: Resolver = systemResolver,
  ) {}

  /** The URL as stored, or BAD_USER_INPUT on `url` saying why it is refused. */
  checkUrl = async (raw: string): Promise<string> => {
    const url = this.parse(raw);
    await this.target(url).catch((error: Error) => {
      throw badInput('url', error.message);
    });
    return url.toString();
  };

  /** Resolves and checks the host; the worker connects to the address returned, nothing else. */
  async target(url: URL): Promise<CheckedTarget> {
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const found = isIP(hostname)
      ? [{ address: hostname, family: isIP(hostname) }]
      : await this.resolve(hostname).catch(() => {
          throw new Error(`${hostname} does not resolve`);
        });
    if (found.length === 0) throw new Error(`${hostname} does not resolve`);
    const refused = found.find((entry) => isPrivateAddress(entry.address));
    if (refused && !this.allowPrivate)
      throw new Error(
        `${hostname} resolves to ${refused.address}, a private, loopback or link-local address (WEBHOOK_ALLOW_PRIVATE is off)`,
      );
    return { url, address: found[0].address, family: found[0].family === 6 ? 6 : 4 };
  }

  private parse(raw: string): URL {
    if (typeof raw !== 'string' || raw.length > 2048 || !URL.canParse(raw))
      throw badInput('url', 'url must be an absolute http(s) URL of at most 2048 characters');
    const url = new URL(raw);
    const allowed = this.allowPrivate ? ['https:', 'http:'] : ['https:'];
    if (!allowed.includes(url.protocol))
      throw badInput('url', `url must start with ${allowed.map((p) => `${p}//`).join(' or ')}`);
    if (url.username || url.password) throw badInput('url', 'url must not carry a user name or password');
    return url;
  }
}
