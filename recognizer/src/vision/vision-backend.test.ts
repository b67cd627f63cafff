import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { inflateSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnFreePort } from '@motionmath/testkit';
import { recognizeWithVision, visionLatex } from './vision-backend.ts';
import { renderStrokesPng } from './render-png.ts';
import { writeInk } from '../test-ink.ts';

/** Decode our PNG enough to check it: signature, size, and the inflated pixel rows. */
function decodePng(png: Uint8Array): { width: number; height: number; ink: number } {
  const buf = Buffer.from(png);
  expect([...buf.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  let off = 8;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width + 1) * height);
  let ink = 0;
  for (let i = 0; i < raw.length; i++) if (i % (width + 1) !== 0 && raw[i] === 0) ink++;
  return { width, height, ink };
}

describe('PNG rendering of strokes', () => {
  it('produces a valid PNG with ink in it, within the size limits', () => {
    const png = renderStrokesPng(
      writeInk([
        ['2', 0, 0, 8, 14],
        ['+', 12, 2, 10, 10],
      ]),
      300,
      120,
    );
    const { width, height, ink } = decodePng(png);
    expect(width).toBeLessThanOrEqual(300);
    expect(height).toBeLessThanOrEqual(120);
    expect(ink).toBeGreaterThan(50);
  });

  it('survives empty and single-point ink', () => {
    expect(decodePng(renderStrokesPng([])).ink).toBe(0);
    expect(decodePng(renderStrokesPng([[{ x: 1, y: 1 }]])).ink).toBeGreaterThan(0);
  });
});

describe('OpenAI vision backend against a local OpenAI-compatible stub', () => {
  let server: Server;
  let baseURL = '';
  const seen: { model: string; image: string }[] = [];
  let reply: { status: number; content: string } = { status: 200, content: '\\frac{1}{2}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
        const json = JSON.parse(body) as {
          model: string;
          messages: { content: { type: string; image_url?: { url: string } }[] }[];
        };
        const image =
          json.messages[0]?.content.find((c) => c.type === 'image_url')?.image_url?.url ?? '';
        seen.push({ model: json.model, image });
        if (reply.status !== 200)
          return void res
            .writeHead(reply.status, { 'content-type': 'application/json' })
            .end('{"error":{"message":"boom"}}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'stub',
            object: 'chat.completion',
            created: 0,
            model: json.model,
            choices: [
              {
                index: 0,
                finish_reason: 'stop',
                message: { role: 'assistant', content: reply.content },
              },
            ],
          }),
        );
      });
    });
    const port = await listenOnFreePort(server);
    baseURL = `http://127.0.0.1:${port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const client = (): OpenAI => new OpenAI({ apiKey: 'test-key', baseURL, maxRetries: 0 });

  it('sends the rendered ink as a PNG data URL and returns the LaTeX', async () => {
    reply = { status: 200, content: '```latex\n$\\frac{1}{2}$\n```' };
    const latex = await visionLatex(writeInk([['1', 0, 0, 4, 14]]), {
      client: client(),
      model: 'stub-vision',
    });
    expect(latex).toBe('\\frac{1}{2}');
    const last = seen.at(-1)!;
    expect(last.model).toBe('stub-vision');
    expect(last.image).toMatch(/^data:image\/png;base64,/);
    decodePng(Buffer.from(last.image.split(',')[1]!, 'base64'));
  });

  it('is asked only when the local confidence is low, and falls back on errors', async () => {
    const ink = writeInk([
      ['2', 0, 0, 8, 14],
      ['+', 12, 2, 10, 10],
      ['3', 26, 0, 8, 14],
    ]);
    const before = seen.length;
    const confident = await recognizeWithVision(ink, {
      client: client(),
      model: 'm',
      minLocalConfidence: 0,
    });
    expect(confident.source).toBe('local');
    expect(seen.length).toBe(before);

    reply = { status: 200, content: '2+3' };
    const asked = await recognizeWithVision(ink, {
      client: client(),
      model: 'm',
      minLocalConfidence: 1.01,
    });
    expect(asked.source).toBe('vision');
    expect(asked.latex).toBe('2+3');
    expect(asked.alternatives[0]?.latex).toBe(confident.latex);

    reply = { status: 500, content: '' };
    const failed = await recognizeWithVision(ink, {
      client: client(),
      model: 'm',
      minLocalConfidence: 1.01,
    });
    expect(failed.source).toBe('local');
    expect(failed.latex).toBe(confident.latex);
    expect(failed.visionError).toBeTruthy();
  });
});
