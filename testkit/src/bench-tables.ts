/**
 * README benchmark tables made from `bench-results/*.json`, so the numbers a README shows
 * are the numbers a bench wrote, never typed by hand. A README marks each table:
 *
 *     <!-- bench-table: solver.json /categories name,p50,p95 -->
 *     …generated, replaced on every run…
 *     <!-- /bench-table -->
 *
 * `solver.json` is a file in `bench-results/`, `/categories` a JSON pointer (RFC 6901) to
 * an array of row objects (or to an object, whose entries become rows with a `name`), and
 * the optional column list picks and orders the columns (default: the first row's keys).
 * Nested values are reached with dots (`latency.p95`).
 */

const MARKER = /<!-- bench-table: (\S+) (\S+)(?: (\S+))? -->\n[\s\S]*?<!-- \/bench-table -->/g;

export class BenchTableError extends Error {
  override readonly name = 'BenchTableError';
}

/** The value at a JSON pointer (`/a/0/b`); undefined when a step is missing. */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return value;
  let current = value;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '—';
    // Integers as they are; others with at most 2 decimals (latencies, ratios, shares).
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
};

const field = (row: unknown, path: string) =>
  path.split('.').reduce<unknown>((v, key) => atPointer(v, `/${key}`), row);

/** A Markdown table of the rows at `pointer` in `results`. */
export function renderTable(results: unknown, pointer: string, columns?: string[]): string {
  const found = atPointer(results, pointer);
  const rows: unknown[] = Array.isArray(found)
    ? found
    : found !== null && typeof found === 'object'
      ? Object.entries(found).map(([name, v]) =>
          v !== null && typeof v === 'object' ? { name, ...v } : { name, value: v },
        )
      : [];
  if (rows.length === 0) throw new BenchTableError(`no rows at ${pointer || '/'}`);
  const first = rows[0];
  const names =
    columns ?? (first !== null && typeof first === 'object' ? Object.keys(first) : ['value']);
  const lines = [
    `| ${names.join(' | ')} |`,
    `| ${names.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${names.map((n) => cell(field(row, n))).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/**
 * The README with every marked table regenerated; `read(file)` gives a results file's
 * parsed JSON, or null when that bench has not run (the table is then left as it was).
 */
export function updateTables(
  readme: string,
  read: (file: string) => unknown,
): { text: string; updated: string[]; missing: string[] } {
  const updated: string[] = [];
  const missing: string[] = [];
  const text = readme.replace(MARKER, (whole, file: string, pointer: string, cols?: string) => {
    const results = read(file);
    if (results === null) {
      missing.push(file);
      return whole;
    }
    const header = `<!-- bench-table: ${file} ${pointer}${cols ? ` ${cols}` : ''} -->`;
    updated.push(`${file} ${pointer}`);
    return `${header}\n${renderTable(results, pointer, cols?.split(','))}\n<!-- /bench-table -->`;
  });
  return { text, updated, missing };
}
