/**
 * Request validation for the admin API: zod schemas through @hono/zod-validator, with a hook that
 * answers every refusal in our one error shape — 400 `invalid_input` with `details.fields`, a map
 * from the field's path to what is wrong with it.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { AppError } from '../platform/errors.js';

/** Validates one part of the request (`json`, `query`, `param`) against a zod schema. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.') || '(body)';
        fields[path] ??= issue.message;
      }
      throw new AppError(400, 'invalid_input', 'Some fields are missing or malformed.', {
        fields,
      });
    }
  });
}
