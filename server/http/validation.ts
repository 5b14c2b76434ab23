/**
 * Input validation with zod, answering bad input in our one error shape:
 * `400 {"error": {"code": "invalid_input", "message", "details": {"fields": {path: message}}}}`.
 * Routes read the checked value with `c.req.valid('json' | 'query' | 'param')`.
 */
import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { AppError } from '../platform/errors.js';

type Target = 'json' | 'query' | 'param';

export function validate<T extends ZodType, K extends Target>(target: K, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.') || '(body)';
        fields[path] ??= issue.message;
      }
      throw new AppError(400, 'invalid_input', describe(fields), { fields });
    }
  });
}

function describe(fields: Record<string, string>): string {
  const names = Object.keys(fields);
  if (names.length === 1 && names[0] === '(body)')
    return 'The request body is not what was expected.';
  return `Please check: ${names.join(', ')}.`;
}
