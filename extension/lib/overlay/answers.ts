import type { EquationStatus, EquationUpdate } from '../messages.ts';

/** What the HUD says for each status of a sent equation. */
export function statusNote(update: EquationUpdate): string {
  const detail = update.error ? `: ${update.error}` : '';
  const notes: Record<EquationStatus, string> = {
    queued: 'Offline: queued, will send when the board is reachable',
    sent: 'On the board, waiting for the solver…',
    pending: 'On the board, waiting for the solver…',
    solving: 'Solving…',
    solved: 'Solved',
    unsupported: `The solver cannot do this one${detail}`,
    error: `Solver error${detail}`,
  };
  return notes[update.status];
}

const FINAL: readonly EquationStatus[] = ['solved', 'unsupported', 'error'];

/**
 * Equations this overlay sent and whose final status it still waits for (id → LaTeX):
 * several may be in flight, and an answer must be matched to its own equation.
 */
export class SentEquations {
  private readonly waiting = new Map<string, string>();
  /** Ids of equations answered so far, oldest first. */
  readonly answered: string[] = [];

  add(id: string, latex: string): void {
    this.waiting.set(id, latex);
  }

  /** The LaTeX of the equation this update belongs to, or null when it is not ours. */
  update(u: EquationUpdate): string | null {
    const latex = this.waiting.get(u.id);
    if (latex === undefined) return null;
    if (FINAL.includes(u.status)) {
      this.waiting.delete(u.id);
      this.answered.push(u.id);
    }
    return latex;
  }

  /** Ids still waiting for a final status. */
  pending(): string[] {
    return [...this.waiting.keys()];
  }
}
