/** arktype validation at the edge: a failure is a 400 naming the fields, never a parse by hand. */
import { arktypeValidator } from '@hono/arktype-validator';
import type { Type } from 'arktype';
import type { ValidationTargets } from 'hono';
import { ApiError } from '../errors.js';

export function validate<T extends Type, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return arktypeValidator(target, schema, (result) => {
    if (!result.success) {
      const fields = [...new Set(result.errors.map((e) => e.path.join('.') || target))];
      throw new ApiError(400, 'invalid_input', `invalid ${fields.join(', ')}: ${result.errors.summary}`, {
        fields,
      });
    }
  });
}
