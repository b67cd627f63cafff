/**
 * The invariants the cluster fault test checks after the faults: boards converge, no
 * acknowledged edit is lost, every equation is solved exactly once. Each check returns
 * counts for the report and a list of violations (empty = it holds).
 */
import { effectiveStatus, listEquations, readBoard } from '@motionmath/protocol';
import type { Equation } from '@motionmath/protocol';
import { solve } from '@motionmath/solver';
import * as Y from 'yjs';
import type { Edit } from './board-client.ts';

export interface CheckResult {
  name: string;
  /** One line of counts for the report. */
  summary: string;
  violations: string[];
}

/** JSON with object keys sorted, so equal content gives equal text whatever the order
 * each replica's maps were filled in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** The board as its Yjs state encodes it: the state is applied to a fresh document and
 * read with the protocol's validating reader. Items in `without` are left out. */
export function boardContent(doc: Y.Doc, without: ReadonlySet<string> = new Set()): string {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const { meta, strokes, equations, notes, invalid } = readBoard(copy);
  copy.destroy();
  return canonicalJson({
    meta,
    strokes: strokes.filter((s) => !without.has(s.id)),
    equations: equations.filter((e) => !without.has(e.id)),
    notes,
    invalid: invalid.map(String),
  });
}

/** How two views of a board differ, briefly (for a violation message). */
function difference(a: Y.Doc, b: Y.Doc): string {
  const idsA = itemIds(a);
  const idsB = itemIds(b);
  const onlyA = [...idsA].filter((id) => !idsB.has(id));
  const onlyB = [...idsB].filter((id) => !idsA.has(id));
  const list = (ids: string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
  if (onlyA.length === 0 && onlyB.length === 0) return 'same items, different content';
  return `only in the first: ${onlyA.length} [${list(onlyA)}], only in the second: ${onlyB.length} [${list(onlyB)}]`;
}

export interface BoardView {
  /** Who holds the document, e.g. "client c3 on server-2" or "fresh client on server-4". */
  label: string;
  doc: Y.Doc;
}

/** Every view of one board holds the same content. */
export function convergenceViolations(board: string, views: BoardView[]): string[] {
  const groups = new Map<string, BoardView[]>();
  for (const view of views) {
    const content = boardContent(view.doc);
    groups.set(content, [...(groups.get(content) ?? []), view]);
  }
  if (groups.size <= 1) return [];
  // One view of each of the first two groups, to say how they differ.
  const [a, b] = [...groups.values()].map((group) => group[0] as BoardView);
  return [
    `board ${board} has ${groups.size} different contents: ` +
      [...groups.values()].map((g) => `[${g.map((v) => v.label).join(', ')}]`).join(' vs ') +
      (a && b ? `; first two: ${difference(a.doc, b.doc)}` : ''),
  ];
}

/**
 * What PostgreSQL holds against what the live cluster shows. An instance appends an
 * update to PostgreSQL before it applies, acknowledges and broadcasts it; SIGKILLed in
 * between, it leaves an update that is stored but that no other instance has (and no
 * client got acknowledged). Such an update may only be one of the edits that were
 * unacknowledged when a connection dropped; everything else must be the same.
 * Returns the violations and the ids of those stored-only edits.
 */
export function storedVersusLive(
  board: string,
  stored: Y.Doc,
  live: Y.Doc,
  unacknowledged: ReadonlySet<string>,
): { violations: string[]; storedOnly: string[] } {
  const liveIds = itemIds(live);
  const storedIds = itemIds(stored);
  const storedOnly = [...storedIds].filter((id) => !liveIds.has(id));
  const violations: string[] = [];
  const missing = [...liveIds].filter((id) => !storedIds.has(id));
  if (missing.length > 0)
    violations.push(`board ${board}: live items missing in PostgreSQL: ${missing.join(', ')}`);
  const unexplained = storedOnly.filter((id) => !unacknowledged.has(id));
  if (unexplained.length > 0)
    violations.push(
      `board ${board}: PostgreSQL holds items no live view has and no client sent ` +
        `unacknowledged: ${unexplained.join(', ')}`,
    );
  if (violations.length === 0 && boardContent(stored, new Set(storedOnly)) !== boardContent(live))
    violations.push(`board ${board}: PostgreSQL and the live cluster hold different content`);
  return { violations, storedOnly };
}

/** The ids of the strokes and equations on a board. */
export function itemIds(doc: Y.Doc): Set<string> {
  const { strokes, equations } = readBoard(doc);
  return new Set([...strokes.map((s) => s.id), ...equations.map((e) => e.id)]);
}

/** Every acknowledged edit's item is on the board. */
export function missingAcknowledged(doc: Y.Doc, acknowledged: readonly Edit[]): Edit[] {
  const present = itemIds(doc);
  return acknowledged.filter((edit) => !present.has(edit.id));
}

/** The board step the worker writes for each solver step (collab-server's toBoardStep). */
function expectedSteps(input: string) {
  return solve(input).steps.map((step) => ({
    latex: step.latex,
    explanation: step.explanation,
    rule: step.rule,
    origin: step.source,
  }));
}

export interface EquationCheckOptions {
  /** equation id → the solver ids the clients saw holding it (EquationHistory.claims). */
  claims: ReadonlyMap<string, ReadonlySet<string>>;
  /** The equation whose worker was killed mid-solve, and that worker's solver id. */
  killedMidSolve?: { equationId: string; solverId: string };
}

export interface EquationTally {
  equations: number;
  solved: number;
  /** Solved by the first worker that claimed them. */
  solvedByFirstClaim: number;
  /** Taken over from a worker that died or lost its lease, then solved. */
  takenOver: number;
}

/** Every equation on the board is solved, once: the solver's exact steps (no duplicates,
 * none from an abandoned attempt), its answer, by a worker seen claiming it. (That none
 * was solved again afterwards is EquationHistory.resolvedAgain.) */
export function equationViolations(
  board: string,
  doc: Y.Doc,
  options: EquationCheckOptions,
  tally: EquationTally,
): string[] {
  const violations: string[] = [];
  const equations: Equation[] = listEquations(doc).items;
  for (const equation of equations) {
    tally.equations++;
    const where = `board ${board}, equation ${equation.id} (${equation.latex})`;
    const expected = solve(equation.latex);
    const status = effectiveStatus(equation);
    if (status !== expected.status) {
      violations.push(
        `${where}: status ${status} (by ${equation.solverId}), expected ${expected.status}`,
      );
      continue;
    }
    tally.solved++;
    if (equation.solvedInput !== equation.latex)
      violations.push(`${where}: solved input ${equation.solvedInput}`);
    const steps = expectedSteps(equation.latex);
    if (JSON.stringify(equation.steps) !== JSON.stringify(steps)) {
      violations.push(
        `${where}: ${equation.steps.length} steps on the board, the solver has ${steps.length} ` +
          `(duplicated or missing steps)`,
      );
    }
    if (JSON.stringify(equation.answer) !== JSON.stringify(expected.answer ?? null))
      violations.push(`${where}: answer ${JSON.stringify(equation.answer)}`);
    const claims = options.claims.get(equation.id) ?? new Set<string>();
    if (equation.solverId === null || !claims.has(equation.solverId))
      violations.push(`${where}: solved by ${equation.solverId}, which no client saw claim it`);
    if (claims.size > 1) tally.takenOver++;
    else tally.solvedByFirstClaim++;
    const killed = options.killedMidSolve;
    if (killed?.equationId === equation.id && equation.solverId === killed.solverId)
      violations.push(`${where}: finished by ${killed.solverId}, the worker that was killed`);
  }
  return violations;
}
