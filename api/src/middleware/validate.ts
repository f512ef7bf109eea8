/** arktype validation at the edge: a failure is a 400 naming the fields; the schema is also the route's OpenAPI description. */
import { arktypeValidator } from '@hono/arktype-validator';
import type { Type } from 'arktype';
import type { ValidationTargets } from 'hono';
import { resolver, uniqueSymbol } from 'hono-openapi';
import { ApiError } from '../errors.js';

export function validate<T extends Type, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const middleware = arktypeValidator(target, schema, (result) => {
    if (!result.success) {
      const fields = [...new Set(result.errors.map((e) => e.path.join('.') || target))];
      throw new ApiError(400, 'invalid_input', `invalid ${fields.join(', ')}: ${result.errors.summary}`, {
        fields,
      });
    }
  });
  // What hono-openapi's own `validator` attaches: the document shows this very schema for `target`
  // (converted only when the document is built).
  return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
}
