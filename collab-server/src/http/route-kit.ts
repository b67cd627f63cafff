import { OpenAPIHono } from '@hono/zod-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { describeZodError, ErrorSchema } from '@motionmath/protocol';
import type { z } from 'zod';
import type { AppEnv } from './types.ts';
import { HttpError } from './types.ts';

/**
 * Helpers to declare routes with `@hono/zod-openapi`: one declaration gives request
 * validation, the `/openapi.json` entry and the client types. With `checkResponses` on
 * (every test server), each response is also parsed against its declared schema, so a
 * handler that drifts from the contract fails the tests that call it.
 */

type Responses = RouteConfig['responses'];

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  // `required` makes the validator run even when a client sends no content type.
  required: true,
  content: { 'application/json': { schema } },
});

export const errorResponse = (description: string) => jsonContent(ErrorSchema, description);

export const noContent = { description: 'Done' } as const;

/** Auth requirements, as OpenAPI security entries. */
export const PUBLIC: RouteConfig['security'] = [];
export const SESSION_ONLY: RouteConfig['security'] = [{ sessionCookie: [] }, { bearer: [] }];

/** A response that does not match the route's declared schema (test servers only). */
export class ResponseMismatchError extends Error {
  constructor(where: string, detail: string) {
    super(`response ${where} does not match its schema: ${detail}`);
    this.name = 'ResponseMismatchError';
  }
}
const conformanceError = (where: string, detail: string) =>
  new ResponseMismatchError(where, detail);

async function checkResponse(method: string, path: string, responses: Responses, res: Response) {
  const where = `${method.toUpperCase()} ${path} → ${res.status}`;
  const declared = responses[String(res.status)] as
    { content?: Record<string, { schema?: unknown }> } | undefined;
  // Errors not listed for the route still have the one error shape.
  const schema =
    declared?.content?.['application/json']?.schema ??
    (!declared && res.status >= 400 ? ErrorSchema : undefined);
  if (!declared && res.status < 400) throw conformanceError(where, 'status not declared');
  if (!schema) {
    if (declared?.content && !declared.content['application/json']) return; // a non-JSON body (text/plain metrics): nothing to parse
    if (res.body !== null && (await res.clone().text()).length > 0)
      throw conformanceError(where, 'a body where none is declared');
    return;
  }
  let body: unknown;
  try {
    body = await res.clone().json();
  } catch {
    throw conformanceError(where, 'the body is not JSON');
  }
  const result = (schema as z.ZodType).safeParse(body);
  if (!result.success) throw conformanceError(where, describeZodError(result.error, 'body'));
}

/** Route middleware that checks the finished response against the route's schemas. */
function conformance(
  method: string,
  path: string,
  responses: Responses,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!c.get('checkResponses')) return;
    await checkResponse(method, path, responses, c.res);
  };
}

/** `createRoute`, plus the response check. */
export function route<const R extends RouteConfig>(config: R): R {
  const middleware = [
    ...(config.middleware === undefined
      ? []
      : Array.isArray(config.middleware)
        ? config.middleware
        : [config.middleware]),
    conformance(config.method, config.path, config.responses),
  ];
  return { ...config, middleware } as R;
}

/** An OpenAPIHono whose validation failures are a 400 `{ error }` naming the bad field. */
export function routes() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new HttpError(
          400,
          describeZodError(result.error, result.target === 'json' ? 'body' : result.target),
        );
    },
  });
}
