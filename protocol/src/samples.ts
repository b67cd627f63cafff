import { z } from 'zod';

/**
 * The personal handwriting samples file: the recognizer's `exportSamples()` output, stored
 * by the server per user and loaded by the whiteboard and the extension. Defined once here
 * so the format tag and the caps are the same on every side.
 */
export const SAMPLES_FORMAT = 'motionmath-personal-samples-1';

/** A sample is ~1–3 KB of JSON, so this holds a hundred or more: plenty for the symbols a
 * user corrects, small enough to load on every sign-in. The server refuses larger files. */
export const MAX_SAMPLES_BYTES = 256 * 1024;
/** Clients trim their file to this many bytes, a little under `MAX_SAMPLES_BYTES`, so the
 * request (JSON framing, a bigger last sample) never meets the server's 413. */
export const SAMPLES_CLIENT_BUDGET_BYTES = MAX_SAMPLES_BYTES - 6 * 1024;
/** More samples of one symbol add little accuracy (the nearest one votes) and only cost
 * classification time; clients keep the newest. */
export const MAX_SAMPLES_PER_LABEL = 20;
/** Labels are LaTeX symbol names such as `7` or `\sqrt`. */
export const MAX_SAMPLE_LABEL_LENGTH = 32;
/** One symbol is a handful of strokes; far more is not a symbol. */
export const MAX_STROKES_PER_SAMPLE = 16;
/** The recognizer thins strokes to 64 points anyway; this only bounds garbage. */
export const MAX_POINTS_PER_SAMPLE_STROKE = 1024;

/** Only x and y are kept (zod strips other keys): the recognizer reads nothing else, and
 * the file stays small. */
const samplePoint = z.object({ x: z.number(), y: z.number() });

export const PersonalSampleSchema = z.object({
  label: z
    .string()
    .min(1, `must be a string of 1–${MAX_SAMPLE_LABEL_LENGTH}`)
    .max(MAX_SAMPLE_LABEL_LENGTH, `must be a string of 1–${MAX_SAMPLE_LABEL_LENGTH}`),
  strokes: z
    .array(
      z
        .array(samplePoint)
        .min(1, `must hold 1–${MAX_POINTS_PER_SAMPLE_STROKE} points`)
        .max(MAX_POINTS_PER_SAMPLE_STROKE, `must hold 1–${MAX_POINTS_PER_SAMPLE_STROKE} points`),
    )
    .min(1, `must hold 1–${MAX_STROKES_PER_SAMPLE} strokes`)
    .max(MAX_STROKES_PER_SAMPLE, `must hold 1–${MAX_STROKES_PER_SAMPLE} strokes`),
});

export const PersonalSamplesFileSchema = z
  .object({
    format: z.literal(SAMPLES_FORMAT, { error: `must be ${SAMPLES_FORMAT}` }),
    samples: z.array(PersonalSampleSchema).superRefine((samples, ctx) => {
      const perLabel = new Map<string, number>();
      for (const { label } of samples) {
        const count = (perLabel.get(label) ?? 0) + 1;
        perLabel.set(label, count);
        if (count === MAX_SAMPLES_PER_LABEL + 1)
          ctx.addIssue({
            code: 'custom',
            message: `at most ${MAX_SAMPLES_PER_LABEL} samples per label (${label})`,
          });
      }
    }),
  })
  .meta({
    id: 'PersonalSamples',
    description:
      "The recognizer's personal samples file (SymbolClassifier.exportSamples()): the user's " +
      `own handwriting of symbols. At most ${MAX_SAMPLES_BYTES / 1024} KiB and ` +
      `${MAX_SAMPLES_PER_LABEL} samples per label.`,
  });

export type PersonalSample = z.infer<typeof PersonalSampleSchema>;
export type PersonalSamplesFile = z.infer<typeof PersonalSamplesFileSchema>;

export const emptySamplesFile = (): PersonalSamplesFile => ({
  format: SAMPLES_FORMAT,
  samples: [],
});
