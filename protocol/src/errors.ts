/**
 * Thrown (or collected) when a value read from a board document does not match the
 * schema, or when a caller tries to write one that would not. `path` points at the
 * offending value, e.g. `equations.e1.steps[3].latex`.
 */
export class BoardValidationError extends Error {
  override readonly name = 'BoardValidationError';
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.path = path;
    this.reason = reason;
  }
}

/** A lifecycle rule was broken, e.g. a worker appending steps to an equation it does not hold. */
export class EquationStateError extends Error {
  override readonly name = 'EquationStateError';
  readonly equationId: string;

  constructor(equationId: string, message: string) {
    super(`equation ${equationId}: ${message}`);
    this.equationId = equationId;
  }
}

/** The document was written by a newer schema than this code understands. */
export class BoardVersionError extends Error {
  override readonly name = 'BoardVersionError';
  readonly found: number;
  readonly supported: number;

  constructor(found: number, supported: number) {
    super(
      `board schema version ${found} is newer than the supported ${supported}; update MotionMath`,
    );
    this.found = found;
    this.supported = supported;
  }
}
