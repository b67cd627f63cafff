/**
 * What the clients of the cluster fault test do: draw strokes and write equations (through
 * the protocol package's API, like the whiteboard and the extension), at a human pace,
 * from a seeded random source so a failing run can be replayed.
 */
import { addEquation, addStroke, effectiveStatus, listEquations } from '@motionmath/protocol';
import type { StrokePoint } from '@motionmath/protocol';
import { solve } from '@motionmath/solver';
import type { Random } from '@motionmath/testkit';
import type * as Y from 'yjs';
import type { BoardClient } from './board-client.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface WriterOptions {
  /** Pause between two edits of one client (ms), drawn uniformly. */
  minPauseMs: number;
  maxPauseMs: number;
  /** Chance that an edit writes an equation rather than a stroke. */
  equationChance: number;
  /** Most equations one client writes (the solver workers must keep up). */
  maxEquations: number;
}

/** A linear or quadratic equation with integer roots, which the solver solves. */
export function randomProblem(random: Random): string {
  for (;;) {
    let problem: string;
    if (random.chance(0.7)) {
      const a = random.int(2, 9);
      const x = random.int(-9, 9);
      const b = random.int(1, 20);
      problem = `${a}x + ${b} = ${a * x + b}`;
    } else {
      const r1 = random.int(-6, 6);
      const r2 = random.int(-6, 6);
      const sum = r1 + r2;
      const product = r1 * r2;
      const linear = sum === 0 ? '' : sum > 0 ? ` - ${sum}x` : ` + ${-sum}x`;
      const constant = product === 0 ? '' : product > 0 ? ` + ${product}` : ` - ${-product}`;
      problem = `x^2${linear}${constant} = 0`;
    }
    // The check is about the cluster, not the solver's coverage: only solvable problems.
    if (solve(problem).status === 'solved') return problem;
  }
}

function randomStrokePoints(random: Random): StrokePoint[] {
  const x0 = random.int(0, 1500);
  const y0 = random.int(0, 900);
  return Array.from({ length: random.int(3, 12) }, (_, i) => ({
    x: x0 + i * random.int(1, 8),
    y: y0 + random.int(-10, 10),
    pressure: 0.5,
    t: i * 16,
  }));
}

/** Adds a short random stroke with this id. */
export function drawStroke(doc: Y.Doc, id: string, random: Random): void {
  addStroke(doc, {
    id,
    points: randomStrokePoints(random),
    color: '#1e40af',
    width: 2,
    author: 'cluster-test',
    createdAt: Date.now(),
  });
}

/** Writes one equation through `client`; returns its id, or null between connections. */
export function writeEquation(
  client: BoardClient,
  id: string,
  problem: string,
  random: Random,
): string | null {
  const written = client.edit({ id, kind: 'equation' }, (doc) => {
    addEquation(doc, {
      id,
      source: 'typed',
      latex: problem,
      mathjs: problem,
      confidence: 1,
      author: client.name,
      x: random.int(0, 1500),
      y: random.int(0, 900),
      now: Date.now(),
    });
  });
  return written ? id : null;
}

/** Edits until `running()` turns false; resolves with how many edits it made. */
export async function runWriter(
  client: BoardClient,
  random: Random,
  options: WriterOptions,
  running: () => boolean,
): Promise<number> {
  let edits = 0;
  let equations = 0;
  while (running()) {
    await sleep(random.int(options.minPauseMs, options.maxPauseMs));
    if (!running()) break;
    const id = `${client.name}-${edits}`;
    if (equations < options.maxEquations && random.chance(options.equationChance)) {
      if (writeEquation(client, id, randomProblem(random), random) !== null) {
        equations++;
        edits++;
      }
    } else {
      const written = client.edit({ id, kind: 'stroke' }, (doc) => drawStroke(doc, id, random));
      if (written) edits++;
    }
  }
  return edits;
}

/**
 * What the clients saw of each equation over the whole run, to tell a solution that was
 * written twice from one written once: which workers claimed it, and whether one, once
 * solved, ever went back to solving (it must not, unless its LaTeX changed).
 */
export class EquationHistory {
  /** equation id → every solver id seen holding it. */
  readonly claims = new Map<string, Set<string>>();
  /** Descriptions of equations seen solving again after they were solved. */
  readonly resolvedAgain: string[] = [];

  /** Watches a client's document (call for each document a client works on). */
  watch(doc: Y.Doc, viewer: string): void {
    const solvedInputs = new Map<string, string>();
    const record = () => {
      for (const equation of listEquations(doc).items) {
        if (equation.solverId !== null) {
          const claims = this.claims.get(equation.id) ?? new Set<string>();
          claims.add(equation.solverId);
          this.claims.set(equation.id, claims);
        }
        const status = effectiveStatus(equation);
        const solvedInput = solvedInputs.get(equation.id);
        if (status === 'solved') {
          solvedInputs.set(equation.id, equation.latex);
        } else if (solvedInput === equation.latex) {
          this.resolvedAgain.push(
            `${equation.id}: ${viewer} saw it ${status} (by ${equation.solverId}) after it was solved`,
          );
          solvedInputs.delete(equation.id);
        }
      }
    };
    record();
    doc.on('update', record);
  }
}
