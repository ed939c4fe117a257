import { appendFileSync } from 'node:fs';

/**
 * Measured figures for docs/reliability.md: appended as JSON lines to the file named by
 * RELIABILITY_FIGURES when it is set (e.g. `RELIABILITY_FIGURES=/tmp/figures.jsonl npm run
 * test:reliability`), ignored otherwise.
 */
export function recordFigure(family: string, name: string, value: unknown): void {
  const file = process.env.RELIABILITY_FIGURES;
  if (!file) return;
  const database = process.env.TEST_DATABASE_URL ? 'mariadb' : 'sqlite';
  appendFileSync(file, `${JSON.stringify({ family, name, database, value })}\n`);
}
