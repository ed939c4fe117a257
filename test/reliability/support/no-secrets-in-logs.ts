import { logCapture } from './log-capture';

/**
 * Imported by every reliability test file (and set up for all of them by jest.reliability.config.js):
 * after the file, no secret it handled may appear in any log line it produced, nor anything that
 * looks like a bearer credential, a JWT or an API token.
 */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /idt_[A-Za-z0-9_-]{20,}/,
  /isl_[A-Za-z0-9_-]{20,}/,
  /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/,
  /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/i,
  /Basic\s+[A-Za-z0-9+/=]{8,}/,
];

afterAll(() => {
  // A file that handled secrets and captured no line would pass without checking anything.
  if (logCapture.secrets.size > 0) expect(logCapture.lines.length).toBeGreaterThan(0);
  const leaks: string[] = [];
  for (const line of logCapture.lines) {
    for (const secret of logCapture.secrets) {
      if (line.includes(secret)) leaks.push(`secret ${secret.slice(0, 6)}… in: ${line.slice(0, 300)}`);
    }
    for (const pattern of CREDENTIAL_PATTERNS) {
      if (pattern.test(line)) leaks.push(`${pattern} in: ${line.slice(0, 300)}`);
    }
  }
  expect(leaks).toEqual([]);
});
