import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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
