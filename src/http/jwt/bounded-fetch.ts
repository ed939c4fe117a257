/** Limits on one fetch of a JWKS or discovery document: a slow or huge answer must not hold us. */
export interface FetchLimits {
  /** The whole exchange, body included (a server trickling bytes is cut off too). */
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export interface FetchedJson {
  readonly body: unknown;
  /** Seconds from `Cache-Control: max-age`, 0 for `no-store`/`no-cache`, undefined when absent. */
  readonly maxAgeSeconds: number | undefined;
}

/** Why a fetch failed, in words fit for a log line and /readyz (never the body itself). */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
}

/**
 * GETs a JSON document within the limits. Redirects are refused: a JWKS location is configured or
 * checked against the issuer's host, and a redirect would step around that check.
 */
export async function fetchJson(url: string, limits: FetchLimits): Promise<FetchedJson> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const res = await fetch(url, {
      signal: controller.signal,
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new FetchFailure(`answered HTTP ${res.status}`);
    const text = await readText(res, limits.maxBytes, controller);
    return { body: parseJson(text), maxAgeSeconds: maxAgeOf(res.headers.get('cache-control')) };
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (controller.signal.aborted) throw new FetchFailure(`no complete answer within ${limits.timeoutMs} ms`);
    throw new FetchFailure(`unreachable (${causeOf(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

async function readText(res: Response, maxBytes: number, controller: AbortController): Promise<string> {
  const tooLarge = () => new FetchFailure(`answer larger than ${maxBytes} bytes`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    controller.abort();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      controller.abort();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FetchFailure('answer is not JSON');
  }
}

function maxAgeOf(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/\b(no-store|no-cache)\b/i.test(header)) return 0;
  const match = /\bmax-age\s*=\s*"?(\d{1,10})"?/i.exec(header);
  return match ? Number(match[1]) : undefined;
}

/** undici hides the reason (ECONNREFUSED, a TLS error) in `cause`. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const text = cause?.code ?? cause?.message ?? (error as Error).message;
  return String(text).slice(0, 120);
}
