/**
 * `op({...})`: hono-openapi's describeRoute for one route, with its answers named compactly. Response
 * bodies are `$ref`s to the schemas of contract/responses.ts, which only the document (built on its
 * first request) loads, so describing a route costs a cold start nothing.
 */
import type { Type } from 'arktype';
import { type ContentWithResolver, type DescribeRouteOptions, describeRoute } from 'hono-openapi';
import type * as Responses from '../contract/responses.js';

/** Names of the response schemas (the exported arktype types of contract/responses.ts). */
export type ResponseName = {
  [K in keyof typeof Responses]: (typeof Responses)[K] extends Type ? K : never;
}[keyof typeof Responses];

export type Tag = 'comments' | 'readers' | 'feeds' | 'portability' | 'admin' | 'mail' | 'meta';
export type Auth = 'session' | 'readerSession' | 'exportToken' | 'importToken' | 'editToken' | 'mailLink';

/** A JSON schema name, a non-JSON body, or `null` for no body (304, 204). */
type Body = ResponseName | 'atom' | 'html' | 'openapi' | null;
type Success = 200 | 201 | 202 | 204 | 304;
type ClientError = Exclude<(typeof ERROR_STATUSES)[number], 500 | 503>;

export interface Op {
  summary: string;
  description?: string;
  tag: Tag;
  auth?: Auth;
  /** Success answers (and, for HTML pages, their error pages). */
  ok: Partial<Record<Success | ClientError, Body>>;
  /** Statuses answered with the JSON error envelope (500 and 503 are added to every route). */
  errors?: ClientError[];
  /** The request body is a file sent as is (imports). */
  fileBody?: boolean;
}

const WHY: Record<number, string> = {
  200: 'OK',
  201: 'created',
  202: 'accepted, held for moderation',
  204: 'no content',
  304: 'not modified (the ETag matched)',
  400: 'invalid input: `details.fields` names the fields',
  401: 'not logged in, or no valid token',
  403: 'not allowed (origin, role, CSRF, edit token, lock or ban)',
  404: 'not found',
  409: 'conflict: it changed meanwhile',
  410: 'gone',
  413: 'too large',
  415: 'unsupported media type',
  422: 'refused as spam',
  429: 'too many requests (`Retry-After`)',
  500: 'a bug on our side',
  503: 'storage unavailable (`Retry-After`)',
};

export const schemaRef = (name: ResponseName) => ({ $ref: `#/components/schemas/${name}` });

/** Statuses answered with the error envelope, each a shared response of the document. */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 410, 413, 415, 422, 429, 500, 503] as const;
const errorRef = (status: number) => ({ $ref: `#/components/responses/Error${status}` });

/** The shared error responses (components.responses). */
export function errorResponses() {
  return Object.fromEntries(
    ERROR_STATUSES.map((status) => [
      `Error${status}`,
      {
        description: WHY[status] ?? String(status),
        ...content('ErrorBody'),
        ...(status === 429 || status === 503
          ? { headers: { 'Retry-After': { schema: { type: 'integer' as const } } } }
          : {}),
      },
    ]),
  );
}

function content(body: Body): { content?: ContentWithResolver } {
  if (body === null) return {};
  if (body === 'atom') return { content: { 'application/atom+xml': { schema: schemaRef('AtomFeed') } } };
  if (body === 'html') return { content: { 'text/html': { schema: schemaRef('HtmlPage') } } };
  if (body === 'openapi') return { content: { 'application/json': { schema: { type: 'object' as const } } } };
  return { content: { 'application/json': { schema: schemaRef(body) } } };
}

const SECURITY: Partial<Record<Auth, Array<Record<string, string[]>>>> = {
  session: [{ session: [] }],
  readerSession: [{ readerSession: [] }],
  exportToken: [{ apiToken: [] }],
  importToken: [{ apiToken: [] }],
};

/** The OpenAPI operation of an `Op` (exported for the tests). */
export function operation(o: Op): DescribeRouteOptions {
  const responses: NonNullable<DescribeRouteOptions['responses']> = {};
  for (const [status, body] of Object.entries(o.ok))
    responses[status] = { description: WHY[Number(status)] ?? status, ...content(body) };
  for (const status of [...(o.errors ?? []), 500, 503]) responses[status] = errorRef(status);
  const security = o.auth ? SECURITY[o.auth] : undefined;
  return {
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    tags: [o.tag],
    ...(security ? { security } : {}),
    ...(o.fileBody
      ? {
          requestBody: {
            required: true,
            description: 'the export file itself, as the raw body (up to 6 MB)',
            content: {
              'application/octet-stream': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** describeRoute for a route chain: `.get('/', op({...}), validate(...), handler)`. */
export const op = (o: Op) => describeRoute(operation(o));
