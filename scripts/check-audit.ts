// Reads `npm audit --omit=dev --json` on stdin: fails on high or critical findings in production
// dependencies. When the registry cannot answer audits at all (this workplace's registry mirror
// answers 405), it says so plainly and does not fail: there is nothing to judge.
import { readFileSync } from 'node:fs';

interface AuditReport {
  readonly message?: string;
  readonly error?: { readonly summary?: string; readonly code?: string };
  readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
}

function main(): number {
  const text = readFileSync(0, 'utf8').trim();
  let report: AuditReport;
  try {
    report = JSON.parse(text) as AuditReport;
  } catch {
    process.stdout.write(
      `npm audit gave no report (${text.slice(0, 200) || 'empty output'}); audit skipped\n`,
    );
    return 0;
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const reason =
      report.message ?? report.error?.summary ?? report.error?.code ?? 'no vulnerability metadata';
    process.stdout.write(`npm audit is unavailable from this registry (${reason}); audit skipped\n`);
    return 0;
  }
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  process.stdout.write(`npm audit (production): ${JSON.stringify(counts)}\n`);
  if (serious === 0) return 0;
  process.stderr.write(`${serious} high or critical vulnerabilities in production dependencies\n`);
  return 1;
}

process.exit(main());
