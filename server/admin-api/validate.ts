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
    if (!result.success) throw invalidInput(result.error.issues);
  });
}

/** The 400 `invalid_input` for zod's complaints, each field's path with what is wrong with it. */
export function invalidInput(
  issues: readonly { path: PropertyKey[]; message: string }[],
): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  return new AppError(400, 'invalid_input', 'Some fields are missing or malformed.', { fields });
}

/** `value` checked by `schema` (inside a handler), refused as `validate` refuses. */
export function validated<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidInput(r.error.issues);
  return r.data;
}
