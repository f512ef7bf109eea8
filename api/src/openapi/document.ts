/** Builds the OpenAPI 3.1 document from the route registry and the arktype schemas the routes validate with. */
import type { Type } from 'arktype';
import { NAMED_SCHEMAS, OPERATIONS, type Operation } from './registry.js';

type Json = Record<string, unknown>;

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of an arktype type, without the `$schema` marker. */
export function jsonSchema(t: Type): Json {
  const { $schema: _drop, ...rest } = t.toJsonSchema({ fallback: (ctx) => ctx.base }) as Json;
  return rest;
}

const nameOf = new Map<Type, string>(Object.entries(NAMED_SCHEMAS).map(([k, v]) => [v, k]));

export const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(where: 'path' | 'query' | 'header', t: Type | undefined): Json[] {
  if (!t) return [];
  const s = jsonSchema(t);
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema,
  }));
}

const MEDIA = { json: 'application/json', atom: 'application/atom+xml', html: 'text/html' } as const;

const SECURITY: Partial<Record<NonNullable<Operation['auth']>, Json[]>> = {
  session: [{ session: [] }],
  exportToken: [{ apiToken: [] }],
  importToken: [{ apiToken: [] }],
};

function operation(op: Operation): Json {
  const media = MEDIA[op.produces ?? 'json'];
  const security = op.auth ? SECURITY[op.auth] : undefined;
  const responses: Json = {};
  for (const [status, description] of Object.entries(op.ok)) {
    responses[status] =
      status === '304' ? { description } : { description, content: { [media]: { schema: {} } } };
  }
  responses['4XX'] = { $ref: '#/components/responses/Error' };
  responses['5XX'] = { $ref: '#/components/responses/Unavailable' };
  const body = op.body
    ? {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: nameOf.has(op.body)
                ? { $ref: `#/components/schemas/${nameOf.get(op.body)}` }
                : jsonSchema(op.body),
            },
          },
        },
      }
    : op.fileBody
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
      : {};
  const params = [
    ...parameters('path', op.params),
    ...parameters('query', op.query),
    ...parameters('header', op.headers),
  ];
  return {
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    summary: op.summary,
    tags: [op.tag],
    ...(security ? { security } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...body,
    responses,
  };
}

export function buildOpenApi(version = '1.0.0'): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const p = openApiPath(op.path);
    paths[p] ??= {};
    paths[p][op.method] = operation(op);
  }
  const schemas: Json = Object.fromEntries(Object.entries(NAMED_SCHEMAS).map(([k, v]) => [k, jsonSchema(v)]));
  schemas.Error = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description: 'stable code, e.g. invalid_input, site_not_found, rate_limited',
          },
          message: { type: 'string' },
          details: { type: 'object' },
        },
      },
    },
  };
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Afterword API',
      version,
      description:
        'Comments for static blogs. Public routes answer any configured origin; admin routes need a moderator session cookie (and X-CSRF-Token on writes); export and import need a scoped API token (`afterword token create`).',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'comments', description: 'Threads, posting, votes, counts' },
      { name: 'feeds', description: 'Atom feeds' },
      { name: 'portability', description: 'Export and import with API tokens' },
      { name: 'admin', description: 'Moderation, settings, GDPR (moderator session)' },
      { name: 'mail', description: 'Pages reached from links in mails' },
      { name: 'meta', description: 'Health and this description' },
    ],
    paths,
    components: {
      schemas,
      responses: {
        Error: { description: 'a client error: `{"error":{"code","message","details?"}}`', ...error },
        Unavailable: {
          description: 'storage unavailable (503 with Retry-After)',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          ...error,
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'afterword_session' },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'a scoped API token from `afterword token create`',
        },
      },
    },
  };
}
