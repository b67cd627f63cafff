/**
 * The printed report of the cluster fault test: faults with their times, checks with
 * their counts and violations, and on failure what the clients and processes said.
 */
import type { ClientEvent } from './board-client.ts';
import type { CheckResult } from './checks.ts';
import type { FaultRecord } from './faults.ts';
import { formatRecord } from './faults.ts';

/** Violations printed per check; the rest are counted. */
const MAX_VIOLATIONS_SHOWN = 20;
/** Client connection events printed on failure (the last ones). */
const MAX_EVENTS_SHOWN = 40;

export function faultLines(records: readonly FaultRecord[]): string[] {
  return ['timeline (faults and test steps):', ...records.map((r) => `  ${formatRecord(r)}`)];
}

export function checkLines(checks: readonly CheckResult[]): string[] {
  const lines = ['checks:'];
  for (const check of checks) {
    lines.push(
      `  ${check.violations.length === 0 ? 'PASS' : 'FAIL'} ${check.name}: ${check.summary}`,
    );
    for (const violation of check.violations.slice(0, MAX_VIOLATIONS_SHOWN))
      lines.push(`       ${violation}`);
    if (check.violations.length > MAX_VIOLATIONS_SHOWN)
      lines.push(`       … ${check.violations.length - MAX_VIOLATIONS_SHOWN} more`);
  }
  return lines;
}

export function clientEventLines(events: readonly ClientEvent[]): string[] {
  return [
    `client events (last ${MAX_EVENTS_SHOWN}):`,
    ...events
      .slice(-MAX_EVENTS_SHOWN)
      .map((e) => `  ${new Date(e.at).toISOString()} ${e.client}: ${e.what}`),
  ];
}
