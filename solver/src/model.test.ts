/**
 * The model path against a real OpenAI-compatible HTTP server on loopback (port 0),
 * called through the real `openai` client. The server replies what a model might: a
 * correct solution, a wrong one, friendlier words.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { listenOnFreePort } from '@motionmath/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { solveWithFallback } from './model.ts';
import { solve } from './solve.ts';

interface Seen {
  model: string;
  auth: string | undefined;
  user: string;
}

let server: Server;
let baseURL: string;
let reply: unknown = {};
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body) as {
        model: string;
        messages: { role: string; content: string }[];
      };
      seen.push({
        model: request.model,
        auth: req.headers.authorization,
        user: request.messages.at(-1)?.content ?? '',
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 0,
          model: request.model,
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: JSON.stringify(reply) },
            },
          ],
        }),
      );
    });
  });
  baseURL = `http://127.0.0.1:${await listenOnFreePort(server)}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

beforeEach(() => {
  seen.length = 0;
});

const openai = () => ({ apiKey: 'test-key', baseURL, model: 'tutor-1' });

// Biquadratic: the engine finds no rational roots and leaves a quartic, so it is unsupported.
const QUARTIC = 'x^4 - 5x^2 + 6 = 0';

describe('solveWithFallback', () => {
  it('is unsupported by the engine alone (the premise of these tests)', () => {
    expect(solve(QUARTIC).status).toBe('unsupported');
  });

  it('shows a model solution whose steps and answer verify, marked as from the model', async () => {
    reply = {
      steps: [
        {
          latex: '\\left(x^{2} - 2\\right)\\left(x^{2} - 3\\right) = 0',
          explanation: 'Factor as a quadratic in x².',
        },
        {
          latex: 'x^{2} = 2 \\quad\\text{or}\\quad x^{2} = 3',
          explanation: 'One bracket must be zero.',
        },
        {
          latex: 'x = \\pm\\sqrt{2} \\quad\\text{or}\\quad x = \\pm\\sqrt{3}',
          explanation: 'Take square roots.',
        },
      ],
      answer: {
        latex: 'x = \\pm\\sqrt{2},\\ \\pm\\sqrt{3}',
        mathjs: 'x = sqrt(2); x = -sqrt(2); x = sqrt(3); x = -sqrt(3)',
      },
    };
    const r = await solveWithFallback(QUARTIC, { openai: openai() });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ model: 'tutor-1', auth: 'Bearer test-key' });
    expect(seen[0]?.user).toContain('x^4');
    expect(r.status).toBe('solved');
    expect(r.source).toBe('model');
    expect(r.steps).toHaveLength(3);
    expect(r.steps.every((s) => s.source === 'model')).toBe(true);
  });

  it('never shows a wrong model answer', async () => {
    reply = {
      steps: [
        {
          latex: 'x = \\sqrt{2} \\quad\\text{or}\\quad x = \\sqrt{3}',
          explanation: 'Forgot the negative roots.',
        },
      ],
      answer: { latex: 'x = \\sqrt{2}, \\sqrt{3}', mathjs: 'x = sqrt(2); x = sqrt(3)' },
    };
    const r = await solveWithFallback(QUARTIC, { openai: openai() });
    expect(seen).toHaveLength(1);
    expect(r.status).toBe('unsupported');
    expect(r.steps).toEqual([]);
    expect(r.error?.message).toMatch(/model's answer was not shown/);
  });

  it('keeps a verified answer but drops steps that do not chain', async () => {
    reply = {
      steps: [{ latex: 'x^{2} = 5', explanation: 'Nonsense step.' }],
      answer: { latex: '', mathjs: 'x = sqrt(2); x = -sqrt(2); x = sqrt(3); x = -sqrt(3)' },
    };
    const r = await solveWithFallback(QUARTIC, { openai: openai() });
    expect(r.status).toBe('solved');
    expect(r.steps).toEqual([]);
  });

  it('rewords explanations on request but keeps the engine formulas', async () => {
    const engine = solve('2x + 3 = 7');
    reply = { explanations: engine.steps.map((_, i) => `Friendly step ${i + 1}`) };
    const r = await solveWithFallback('2x + 3 = 7', {
      openai: { ...openai(), friendlierExplanations: true },
    });
    expect(r.source).toBe('engine');
    expect(r.steps.map((s) => s.latex)).toEqual(engine.steps.map((s) => s.latex));
    expect(r.steps.map((s) => s.explanation)).toEqual(
      engine.steps.map((_, i) => `Friendly step ${i + 1}`),
    );
    expect(r.steps.every((s) => s.explainedBy === 'model')).toBe(true);
  });

  it('never calls the model without a key, nor for problems the engine solves', async () => {
    expect((await solveWithFallback(QUARTIC, { openai: {} })).status).toBe('unsupported');
    expect((await solveWithFallback('2x + 3 = 7', { openai: openai() })).source).toBe('engine');
    expect(seen).toHaveLength(0);
  });

  it('reports an unreachable server without throwing', async () => {
    const r = await solveWithFallback(QUARTIC, {
      openai: { apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', timeoutMs: 2000 },
    });
    expect(r.status).toBe('unsupported');
    expect(r.error?.message).toMatch(/model unavailable/);
  });
});
