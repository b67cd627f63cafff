/**
 * Optional language-model backend (any OpenAI-compatible server). Used only (1) for
 * problems the engine reports as unsupported and (2) on request, to rephrase the
 * engine's explanations. Whatever the model says is checked with the same verifier as
 * our own steps before it is shown, and is marked `source: 'model'`. The engine stays
 * synchronous and pure; this is the one async entry point.
 */
import type OpenAI from 'openai';
import { sameMeaning } from './trail.ts';
import type { Meaning } from './trail.ts';
import { contextFor, meaningFromLatex } from './recheck.ts';
import type { MeaningContext } from './recheck.ts';
import { readProblem, toPlainText } from './read.ts';
import { realSetOf } from './realset.ts';
import { parseClauses } from './statements.ts';
import type { Problem } from './read.ts';
import { solve } from './solve.ts';
import type { SolveOptions } from './solve.ts';
import type { SolveResult, Step } from './types.ts';
import { branchesRoots, inequalityInterval, systemMeaning } from './verify.ts';
import { parseEquation, parseExpr } from './parse.ts';
import { SolverError } from './errors.ts';

export interface ModelOptions {
  /** OPENAI_API_KEY; without it (and without `client`) the model is never called. */
  readonly apiKey?: string;
  /** OPENAI_BASE_URL, for any OpenAI-compatible server. */
  readonly baseURL?: string;
  /** OPENAI_MODEL. */
  readonly model?: string;
  /** A ready client (custom fetch, proxies…); takes precedence over apiKey/baseURL. */
  readonly client?: OpenAI;
  /** Also ask the model to rewrite the engine's explanations in friendlier words. */
  readonly friendlierExplanations?: boolean;
  /** Request timeout in milliseconds (the client enforces it). */
  readonly timeoutMs?: number;
}

export interface FallbackOptions extends SolveOptions {
  readonly openai?: ModelOptions;
}

/** A widely available default; override with OPENAI_MODEL. */
const DEFAULT_MODEL = 'gpt-4o-mini';
/** A model answer longer than this is not a school solution; refuse it. */
const MAX_MODEL_STEPS = 40;
/** Longest explanation we accept from the model (a board line, not an essay). */
const MAX_EXPLANATION_CHARS = 400;
/** Default request timeout: a board waits, but not forever. */
const DEFAULT_TIMEOUT_MS = 30_000;

const SOLVE_PROMPT = `You are a patient maths tutor for 13-year-olds. Solve the problem step by step.
Reply with JSON only, exactly this shape:
{"steps":[{"latex":"...","explanation":"..."}],"answer":{"latex":"...","mathjs":"..."}}
Rules: every step's "latex" is the WHOLE current state (a complete equation, expression or system in KaTeX LaTeX), equivalent to the previous one; several solutions are written "x = a \\quad\\text{or}\\quad x = b"; a system is a \\begin{cases}...\\end{cases}.
The answer's "mathjs" uses mathjs syntax; several solutions are separated by ";" like "x = 2; x = -3"; use sqrt() and i for roots and complex numbers; give exact values, never decimals.`;

const EXPLAIN_PROMPT = `You rewrite the explanations of a worked maths solution so a 13-year-old follows them easily. Keep the meaning and every number exactly; do not add new maths. Reply with JSON only: {"explanations":["...", ...]} with exactly one explanation per step, in order.`;

async function makeClient(o: ModelOptions): Promise<OpenAI | null> {
  if (o.client) return o.client;
  if (!o.apiKey) return null;
  // Loaded on demand, so browser bundles that never use the model do not carry it.
  const { default: OpenAIClient } = await import('openai');
  return new OpenAIClient({
    apiKey: o.apiKey,
    baseURL: o.baseURL,
    timeout: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: 1,
  });
}

async function askJson(
  client: OpenAI,
  model: string,
  system: string,
  user: string,
): Promise<unknown> {
  const completion = await client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    response_format: { type: 'json_object' },
    temperature: 0,
  });
  const text = completion.choices[0]?.message.content ?? '';
  // Some servers wrap JSON in a code fence despite response_format.
  const body = text.replace(/^\s*```(?:json)?\s*/, '').replace(/\s*```\s*$/, '');
  return JSON.parse(body) as unknown;
}

/** The meaning of the original problem, the baseline the model's first step must match. */
function problemMeaning(p: Problem, ctx: MeaningContext): Meaning | null {
  if (ctx.kind === 'reals' && (p.kind === 'equation' || p.kind === 'inequality')) {
    const set = realSetOf([[p.eq]], p.v);
    return set && { kind: 'reals', set };
  }
  switch (p.kind) {
    case 'statements': {
      const set = realSetOf(p.clauses, p.v);
      return set && { kind: 'reals', set };
    }
    case 'calculus':
    case 'embedded':
      return null;
    case 'expression':
      return { kind: 'value', expr: p.expr };
    case 'derivative':
      return { kind: 'value', expr: { k: 'deriv', a: p.expr, v: p.v } };
    case 'evaluate':
      return null;
    case 'equation': {
      const set = branchesRoots([p.eq], p.v, ctx.excluded);
      return set && { kind: 'roots', set };
    }
    case 'inequality': {
      const interval = inequalityInterval(p.eq, p.v);
      return interval && { kind: 'interval', interval };
    }
    case 'system': {
      const system = systemMeaning(p.eqs, p.vars);
      return system && { kind: 'system', system };
    }
    case 'check':
      return null;
  }
}

/** The answer's meaning, read from its mathjs text. */
function answerMeaning(mathjs: string, ctx: MeaningContext): Meaning | null {
  try {
    const text = toPlainText(mathjs);
    switch (ctx.kind) {
      case 'value':
        return { kind: 'value', expr: parseExpr(text) };
      case 'roots': {
        const set = branchesRoots(
          text.split(';').map((s) => parseEquation(s)),
          ctx.v,
          ctx.excluded,
        );
        return set && { kind: 'roots', set };
      }
      case 'interval': {
        const interval = inequalityInterval(parseEquation(text), ctx.v);
        return interval && { kind: 'interval', interval };
      }
      case 'system': {
        const system = systemMeaning(
          text.split(';').map((s) => parseEquation(s)),
          ctx.vars,
        );
        return system && { kind: 'system', system };
      }
      case 'pair':
        return null;
      case 'reals': {
        const set = realSetOf(parseClauses(text.replace(/;/g, ' or ')), ctx.v);
        return set && { kind: 'reals', set };
      }
    }
  } catch (err) {
    if (err instanceof SolverError) return null;
    throw err;
  }
}

interface ModelSolution {
  steps: { latex: string; explanation: string }[];
  answer: { latex: string; mathjs: string };
}

function asModelSolution(x: unknown): ModelSolution | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as { steps?: unknown; answer?: unknown };
  const a = o.answer as { latex?: unknown; mathjs?: unknown } | undefined;
  if (!Array.isArray(o.steps) || typeof a?.latex !== 'string' || typeof a.mathjs !== 'string')
    return null;
  const steps = o.steps
    .slice(0, MAX_MODEL_STEPS + 1)
    .map((s: { latex?: unknown; explanation?: unknown }) => ({
      latex: s?.latex,
      explanation: s?.explanation,
    }));
  if (
    steps.length > MAX_MODEL_STEPS ||
    !steps.every((s) => typeof s.latex === 'string' && typeof s.explanation === 'string')
  )
    return null;
  return { steps: steps as ModelSolution['steps'], answer: { latex: a.latex, mathjs: a.mathjs } };
}

const clip = (s: string): string => s.trim().slice(0, MAX_EXPLANATION_CHARS);

/**
 * Solve with the engine; if it does not cover the problem and a model is configured, ask
 * the model and keep only what verifies. Never throws for model trouble: the engine's
 * result comes back with the reason in `error.message`.
 */
export async function solveWithFallback(
  input: string,
  options: FallbackOptions = {},
): Promise<SolveResult> {
  const engine = solve(input, options);
  const o = options.openai;
  if (!o) return engine;
  const wantsModel =
    engine.status === 'unsupported' ||
    (engine.status === 'solved' && o.friendlierExplanations === true);
  if (!wantsModel) return engine;
  let client: OpenAI | null;
  try {
    client = await makeClient(o);
  } catch {
    return engine;
  }
  if (client === null) return engine;
  const model = o.model ?? DEFAULT_MODEL;
  try {
    if (engine.status === 'solved') return await rephrase(client, model, engine);
    return await modelSolve(client, model, engine);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      ...engine,
      error: {
        code: engine.error?.code ?? 'model',
        message: `${engine.error?.message ?? ''} (model unavailable: ${reason})`.trim(),
      },
    };
  }
}

async function rephrase(client: OpenAI, model: string, engine: SolveResult): Promise<SolveResult> {
  const reply = (await askJson(
    client,
    model,
    EXPLAIN_PROMPT,
    JSON.stringify({
      problem: engine.normalized,
      steps: engine.steps.map((s) => ({ latex: s.latex, explanation: s.explanation })),
    }),
  )) as { explanations?: unknown };
  const ex = reply.explanations;
  if (
    !Array.isArray(ex) ||
    ex.length !== engine.steps.length ||
    !ex.every((e) => typeof e === 'string' && e.trim() !== '')
  ) {
    return engine;
  }
  // Only the words change; every formula stays the engine's verified one.
  const steps: Step[] = engine.steps.map((s, i) => ({
    ...s,
    explanation: clip(ex[i] as string),
    explainedBy: 'model',
  }));
  return { ...engine, steps };
}

async function modelSolve(
  client: OpenAI,
  model: string,
  engine: SolveResult,
): Promise<SolveResult> {
  let problem: Problem;
  try {
    problem = readProblem(engine.normalized);
  } catch {
    return engine; // we cannot check what we cannot read, so we show nothing from the model
  }
  const ctx = contextFor(engine.normalized, engine.classification);
  const base = ctx && problemMeaning(problem, ctx);
  if (ctx === null || base === null) return engine;
  const reply = asModelSolution(await askJson(client, model, SOLVE_PROMPT, engine.normalized));
  const rejected = (why: string): SolveResult => ({
    ...engine,
    error: {
      code: 'unsupported',
      message: `${engine.error?.message ?? 'Not supported'}; the model's answer was not shown because ${why}`,
    },
  });
  if (reply === null) return rejected('it was not in the expected form');
  const answer = answerMeaning(reply.answer.mathjs, ctx);
  if (answer === null || !sameMeaning(base, answer)) return rejected('it did not check out');
  // Steps: all must chain from the problem to the answer, or none is shown.
  let prev = base;
  let stepsOk = true;
  for (const s of reply.steps) {
    const m = meaningFromLatex(s.latex, ctx);
    if (m === null || !sameMeaning(prev, m)) {
      stepsOk = false;
      break;
    }
    prev = m;
  }
  const steps: Step[] = stepsOk
    ? reply.steps.map((s) => ({
        latex: s.latex,
        explanation: clip(s.explanation),
        rule: 'model',
        source: 'model',
      }))
    : [];
  return {
    status: 'solved',
    classification: engine.classification,
    normalized: engine.normalized,
    steps,
    answer: reply.answer,
    source: 'model',
  };
}
