import { bodyLimit } from 'hono/body-limit';
import {
  emptySamplesFile,
  MAX_SAMPLES_BYTES,
  PersonalSamplesFileSchema,
  SamplesSavedSchema,
} from '@motionmath/protocol';
import { hasScope } from '../auth/principal.ts';
import { getPersonalSamples, putPersonalSamples } from '../db/samples.ts';
import { errorResponse, jsonBody, jsonContent, route, routes } from './route-kit.ts';
import type { AppDeps } from './types.ts';
import { HttpError, requirePrincipal } from './types.ts';

/** Where the routes are mounted: app.ts exempts this path from the general body limit. */
export const SAMPLES_PATH = '/api/me/samples';

const getSamples = route({
  method: 'get',
  path: '/',
  summary:
    'My personal handwriting samples (empty file when none); sessions and board:read or board:write tokens',
  tags: ['account'],
  responses: {
    200: jsonContent(PersonalSamplesFileSchema, 'Samples file (Last-Modified when saved)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Token lacks a board scope'),
  },
});
const putSamples = route({
  method: 'put',
  path: '/',
  summary: 'Replace my personal handwriting samples; sessions and board:write tokens',
  tags: ['account'],
  // The samples file is larger by nature (ink) than other bodies: its own limit, checked
  // before the body is parsed.
  middleware: [
    bodyLimit({
      maxSize: MAX_SAMPLES_BYTES,
      onError: (c) =>
        c.json({ error: `the samples file is larger than ${MAX_SAMPLES_BYTES} bytes` }, 413),
    }),
  ],
  request: { body: jsonBody(PersonalSamplesFileSchema) },
  responses: {
    200: jsonContent(SamplesSavedSchema, 'Saved'),
    400: errorResponse('Not a valid samples file, or too many samples of one label'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Token lacks board:write'),
    413: errorResponse(`Larger than ${MAX_SAMPLES_BYTES / 1024} KiB`),
  },
});

/**
 * `GET|PUT /api/me/samples`: the user's personal handwriting samples, so recognition
 * learns their hand on every device. Reading needs a session or a token with a board
 * scope (the extension recognizes for the boards it writes to); replacing needs a session
 * or `board:write`, like every other write an API token may make. The file's schema and
 * caps are `PersonalSamplesFileSchema` in `@motionmath/protocol`.
 */
export function samplesRoutes(deps: AppDeps) {
  const { db } = deps;
  return routes()
    .openapi(getSamples, async (c) => {
      const principal = requirePrincipal(c);
      if (!hasScope(principal, 'board:read') && !hasScope(principal, 'board:write'))
        throw new HttpError(403, 'this token lacks the board:read scope');
      const stored = await getPersonalSamples(db, principal.user.id);
      if (stored) c.header('Last-Modified', stored.updatedAt.toUTCString());
      // Files are validated before they are stored; one stored before a stricter rule
      // reads as empty rather than as a broken answer.
      const file = PersonalSamplesFileSchema.safeParse(stored?.samples ?? emptySamplesFile());
      if (!file.success)
        c.get('log').warn({ userId: principal.user.id }, 'stored samples file no longer valid');
      return c.json(file.success ? file.data : emptySamplesFile(), 200);
    })
    .openapi(putSamples, async (c) => {
      const principal = requirePrincipal(c);
      if (!hasScope(principal, 'board:write'))
        throw new HttpError(403, 'this token lacks the board:write scope');
      const file = c.req.valid('json');
      const updatedAt = await putPersonalSamples(db, principal.user.id, file);
      return c.json({ count: file.samples.length, updatedAt: updatedAt.toISOString() }, 200);
    });
}
