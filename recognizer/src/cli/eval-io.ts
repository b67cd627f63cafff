import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isCore, parseFold, writerFold } from '../eval/evaluate.ts';
import type { CrohmeRecord } from '../eval/evaluate.ts';

/** Read CROHME-format JSON Lines, plain or gzip (by extension). */
export function readRecords(path: string): CrohmeRecord[] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as CrohmeRecord;
      } catch {
        throw new Error(`${path}:${i + 1}: not valid JSON`);
      }
    });
}

/**
 * The development selection the dev CLIs share: `--subset core` keeps the core scope, and
 * `--fold i/k` (may repeat) keeps the union of those writer folds (`writerFold`).
 */
export function selectRecords(
  records: readonly CrohmeRecord[],
  o: { subset?: string | undefined; folds?: readonly string[] | undefined },
): CrohmeRecord[] {
  const folds = (o.folds ?? []).map(parseFold);
  return records.filter(
    (r) =>
      (o.subset !== 'core' || isCore(r)) &&
      (folds.length === 0 || folds.some((f) => writerFold(r, f.folds) === f.fold)),
  );
}
