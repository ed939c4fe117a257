import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { Overload } from './overload';
import { overloadMarkdown } from './overload';
import type { ParityResult } from './parity';
import type { Row } from './measure';
import type { RepeatedRun } from './memory-check';
import type { Attribution } from './scim-token';
import { attributionNote } from './scim-token';

export interface SqlCount {
  readonly id: string;
  readonly ours: number | null;
  readonly baseline: number | null;
  readonly oursSql: readonly string[];
}

export interface Report {
  readonly date: string;
  readonly size: string;
  readonly machine: string;
  readonly users: number;
  /** With --with-1m: the directory's size for the @1M rows. */
  readonly grownTo?: number;
  readonly rows: readonly Row[];
  /** OL: one instance from 16 to 1,024 connections (not in smoke runs). */
  readonly overload?: Overload;
  readonly parity: readonly ParityResult[];
  readonly sql: readonly SqlCount[];
  readonly memory: {
    readonly oursPeakMb: number;
    readonly baselinePeakMb: number;
    readonly oursMarks: readonly { label: string; rssMb: number; peakMb: number }[];
    /** The same mixed load twice after the scenarios (not with --only). */
    readonly repeatedRun?: RepeatedRun;
  };
  readonly seconds: number;
  /** Which token the SCIM scenarios sent (--scim-token), and what the service attributed. */
  readonly scimToken: string;
  readonly attribution?: Attribution;
}

const n = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const rps = (value: number) => (value >= 100 ? n(value, 0) : value >= 10 ? n(value, 1) : n(value, 2));

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| scenario | ours req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.id} ${r.title} | ${rps(r.ours.rps)} | ${n(r.ours.p50, 2)} | ${n(r.ours.p99, 2)} | ${rps(r.baseline.rps)} | ${n(r.baseline.p50, 2)} | ${n(r.baseline.p99, 2)} | ${n(r.ratio, 2)} |`,
    );
  }
  return lines.join('\n');
}

export function notesOf(rows: readonly Row[]): string[] {
  return rows.flatMap((r) => r.notes.map((note) => `${r.id}: ${note}`));
}

export function sqlTable(counts: readonly SqlCount[]): string {
  const lines = ['| request | ours | baseline |', '| --- | ---: | ---: |'];
  for (const c of counts) lines.push(`| ${c.id} | ${c.ours ?? 'n/a'} | ${c.baseline ?? 'n/a'} |`);
  return lines.join('\n');
}

/** Everything a reader needs, as markdown: the table, the notes, memory, statements and parity. */
export function renderMarkdown(report: Report): string {
  const parity = report.parity.map((p) => `${p.id} ${p.same ? 'same' : `DIFFERENT (${p.difference})`}`);
  return [
    `Run ${report.date}, size ${report.size} (${report.users.toLocaleString('en-US')} users${report.grownTo ? `, then ${report.grownTo.toLocaleString('en-US')} for the @1M rows` : ''}), ${report.machine}, ${n(report.seconds, 0)} s.`,
    '',
    markdownTable(report.rows),
    '',
    'ratio = our req/s ÷ baseline req/s. Latencies in ms.',
    '',
    ...notesOf(report.rows).map((note) => `- ${note}`),
    `- peak RSS (VmHWM): ours ${n(report.memory.oursPeakMb, 1)} MB, baseline ${n(report.memory.baselinePeakMb, 1)} MB`,
    `- ours RSS along the run: ${report.memory.oursMarks.map((m) => `${m.label} ${n(m.rssMb, 0)}`).join(', ')} MB`,
    ...(report.memory.repeatedRun ? [repeatedRunNote(report.memory.repeatedRun)] : []),
    `- ${attributionNote(report.scimToken, report.attribution)}`,
    `- response parity (same request, same JSON): ${parity.join('; ') || 'not run'}`,
    '',
    ...(report.overload
      ? [
          'Overload (OL), one instance, service only; refusals are 503 with Retry-After:',
          '',
          overloadMarkdown(report.overload),
          '',
        ]
      : []),
    ...(report.sql.length > 0
      ? ['SQL statements per request (steady state, token check included):', '', sqlTable(report.sql)]
      : []),
  ].join('\n');
}

/**
 * What makes a run unusable: responses that differ from the baseline's, failed requests on either
 * side, RSS growth in the repeated run. The smoke run in CI fails on the first two, so the harness,
 * the baseline and the service cannot drift apart unnoticed; its passes (24 requests) are far too
 * short to judge memory, which moves by tens of MB with V8's collection timing alone.
 */
export function problemsOf(report: Report, options: { judgeMemory: boolean }): string[] {
  const problems = report.parity.filter((p) => !p.same).map((p) => `parity ${p.id}: ${p.difference}`);
  for (const row of report.rows) {
    for (const [side, m] of [
      ['ours', row.ours],
      ['baseline', row.baseline],
    ] as const)
      if (m.failures > 0)
        problems.push(`${row.id} ${side}: ${m.failures} failed (${JSON.stringify(m.statuses)})`);
  }
  const repeated = report.memory.repeatedRun;
  if (repeated && repeated.failures > 0) problems.push(`repeated run: ${repeated.failures} failed`);
  if (options.judgeMemory && repeated && !repeated.flat)
    problems.push(`repeated run: RSS grew by ${repeated.growthMb} MB`);
  return problems;
}

function repeatedRunNote(run: RepeatedRun): string {
  const verdict = run.flat ? 'no growth' : 'GROWTH';
  return `- repeated run (the same mixed load twice after a warm-up pass, ${run.seconds} s each, ${run.requests[0]} + ${run.requests[1]} requests, ${run.failures} failed): ours median RSS ${n(run.rssMb[0], 1)} → ${n(run.rssMb[1], 1)} MB (${run.growthMb >= 0 ? '+' : ''}${n(run.growthMb, 1)} MB, ${verdict})`;
}

/**
 * Complete quick and full runs are kept as `<time>-<size>.json`; a smoke run or one of selected
 * scenarios (`--only`, usually while profiling) goes to a `.tmp` file that git ignores.
 */
export function writeResults(dir: string, report: Report, partial: boolean): string {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/:/g, '').replace(/\..*$/, '');
  const file = join(dir, partial ? `${report.size}-partial-latest.tmp` : `${stamp}-${report.size}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Replaces the section of bench/README.md for this run's size (between its markers), formatted by Prettier. */
export async function updateReadme(readme: string, report: Report): Promise<boolean> {
  if (!existsSync(readme)) return false;
  const start = `<!-- bench:${report.size}:start -->`;
  const end = `<!-- bench:${report.size}:end -->`;
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return false;
  const updated = `${text.slice(0, from + start.length)}\n\n${renderMarkdown(report)}\n\n${text.slice(to)}`;
  const options = (await resolveConfig(readme)) ?? {};
  writeFileSync(readme, await format(updated, { ...options, filepath: readme }));
  return true;
}
