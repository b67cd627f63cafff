/**
 * Solver CLI.
 *   node src/cli/solve.ts "2x+3=7"            print the steps readably
 *   node src/cli/solve.ts --jsonl IN.jsonl    read {"id","input"} lines, write result lines
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { solve } from '../index.ts';
import type { SolveResult } from '../index.ts';

const USAGE = 'usage: solve "<problem>" | solve --jsonl <file.jsonl>';

function resultLine(id: unknown, r: SolveResult): string {
  return JSON.stringify({
    id,
    status: r.status,
    classification: r.classification,
    answer: r.answer?.mathjs ?? null,
    answerLatex: r.answer?.latex ?? null,
    steps: r.steps.map((s) => ({ latex: s.latex, explanation: s.explanation, rule: s.rule })),
    ...(r.error ? { error: r.error } : {}),
  });
}

async function runJsonl(path: string): Promise<number> {
  let failures = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let item: { id?: unknown; input?: unknown };
    try {
      item = JSON.parse(line) as typeof item;
    } catch {
      process.stderr.write(`line ${lineNo}: not JSON, skipped\n`);
      failures++;
      continue;
    }
    if (typeof item.input !== 'string') {
      process.stderr.write(`line ${lineNo}: "input" must be a string, skipped\n`);
      failures++;
      continue;
    }
    process.stdout.write(resultLine(item.id ?? null, solve(item.input)) + '\n');
  }
  return failures === 0 ? 0 : 1;
}

function printReadable(input: string): number {
  const r = solve(input);
  const out: string[] = [`Problem: ${r.normalized}   (${r.classification})`];
  r.steps.forEach((s, i) => {
    out.push(`${String(i + 1).padStart(3)}. ${s.latex}`);
    out.push(`     ${s.explanation}`);
  });
  if (r.answer) out.push(`Answer: ${r.answer.mathjs}`);
  if (r.error)
    out.push(
      `${r.status === 'unsupported' ? 'Unsupported' : 'Error'} (${r.error.code}): ${r.error.message}`,
    );
  process.stdout.write(out.join('\n') + '\n');
  return r.status === 'solved'
    ? 0
    : r.error?.code === 'no-solution' || r.error?.code === 'infinitely-many'
      ? 0
      : 1;
}

const args = process.argv.slice(2);
if (args[0] === '--jsonl') {
  if (!args[1]) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  process.exitCode = await runJsonl(args[1]);
} else if (args.length === 1 && args[0] !== '--help' && args[0] !== '-h') {
  process.exitCode = printReadable(args[0] as string);
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
