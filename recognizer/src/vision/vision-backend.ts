import type { Stroke } from '../ink/types.ts';
import { recognizeExpression } from '../recognize.ts';
import type { Recognition, RecognizeOptions } from '../recognize.ts';
import { renderStrokesPng, toBase64 } from './render-png.ts';

/**
 * Optional cloud fallback: when the local recognizer is unsure, render the ink and ask an
 * OpenAI-compatible vision model for LaTeX. The core never imports the `openai` package:
 * pass any client with its `chat.completions.create` shape (e.g. `new OpenAI({...})`).
 */

/** The one message we send: a prompt and an image. */
export interface VisionMessage {
  role: 'user';
  content: ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];
}

export interface ChatClient {
  chat: {
    completions: {
      create(body: {
        model: string;
        messages: VisionMessage[];
        max_tokens?: number;
        temperature?: number;
      }): Promise<{ choices: { message: { content: string | null } }[] }>;
    };
  };
}

export interface VisionOptions {
  client: ChatClient;
  /** Vision-capable model name, e.g. "gpt-4o-mini". */
  model: string;
  /** Ask the model only when the local confidence is below this (default 0.5). */
  minLocalConfidence?: number;
}

/** Below this local confidence the model is asked (the local result is kept as alternative). */
export const DEFAULT_MIN_LOCAL_CONFIDENCE = 0.5;

const PROMPT =
  'The image shows one handwritten math expression. Reply with only its LaTeX, no $ signs, no words.';

/** Ask the vision model for the LaTeX of the strokes. Throws on a transport or empty reply. */
export async function visionLatex(
  strokes: readonly Stroke[],
  options: VisionOptions,
): Promise<string> {
  const png = renderStrokesPng(strokes);
  const res = await options.client.chat.completions.create({
    model: options.model,
    temperature: 0,
    max_tokens: 200,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: PROMPT },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${toBase64(png)}` } },
        ],
      },
    ],
  });
  const text = res.choices[0]?.message.content?.trim() ?? '';
  const latex = text
    .replace(/^```(?:latex)?\s*|\s*```$/g, '')
    .replace(/^\$+|\$+$/g, '')
    .trim();
  if (latex === '') throw new Error('The vision model returned no LaTeX');
  return latex;
}

/**
 * Local recognition first; if its confidence is low, the vision model's answer becomes the
 * top result (confidence: the local one is unknown for it, so it is reported as the
 * threshold) and the local result moves to the alternatives. Vision errors fall back to
 * the local result, with the error in `visionError`.
 */
export async function recognizeWithVision(
  strokes: readonly Stroke[],
  vision: VisionOptions,
  options: RecognizeOptions = {},
): Promise<Recognition & { source: 'local' | 'vision'; visionError?: string }> {
  const local = recognizeExpression(strokes, options);
  const threshold = vision.minLocalConfidence ?? DEFAULT_MIN_LOCAL_CONFIDENCE;
  if (local.confidence >= threshold || local.symbols.length === 0)
    return { ...local, source: 'local' };
  try {
    const latex = await visionLatex(strokes, vision);
    return {
      ...local,
      latex,
      mathjs: '',
      confidence: threshold,
      alternatives: [
        { latex: local.latex, mathjs: local.mathjs, confidence: local.confidence },
        ...local.alternatives,
      ],
      source: 'vision',
    };
  } catch (e) {
    return { ...local, source: 'local', visionError: e instanceof Error ? e.message : String(e) };
  }
}
