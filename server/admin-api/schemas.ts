/**
 * The zod schemas of the admin API's inputs: shapes and sizes only. The rules (who may, what may
 * coexist) live in server/domain/, so the CLI enforces the same ones.
 */
import { z } from 'zod';
import { SECOND_FACTOR_NAMES } from '../factors/registry.js';

const text = (max: number) => z.string().max(max);

/** Go ahead although the change ends the administrator's own session (after a warning). */
const confirmField = z.boolean().optional();
/** Whether a change's body names something to change besides `confirm`. */
const namesAChange = (v: object) => Object.keys(v).some((k) => k !== 'confirm');

export const idParam = z.object({ id: z.string().regex(/^[1-9]\d{0,14}$/, 'not an id') });

export const settingsPatch = z
  .strictObject({
    ipSafeZoneActive: z.boolean().optional(),
    twoStepActive: z.boolean().optional(),
    usersChangeOwnId: z.boolean().optional(),
    /** The second factors that count outside (at least one besides recovery codes). */
    outsideFactors: z
      .array(z.enum(SECOND_FACTOR_NAMES))
      .min(1)
      .max(SECOND_FACTOR_NAMES.length)
      .optional(),
    /** Whether a password session inside may enrol a first second factor. */
    firstFactorInside: z.boolean().optional(),
    confirm: confirmField,
  })
  .refine(namesAChange, 'name at least one setting to change');

export const zoneCreate = z.strictObject({
  name: text(100),
  ranges: z.array(text(200)).max(1000),
  enabled: z.boolean().optional(),
  note: text(1000).optional(),
  force: z.boolean().optional(),
  confirm: confirmField,
});

export const zonePatch = zoneCreate
  .partial()
  .refine(namesAChange, 'name at least one field to change');

/** A deletion's query: `?confirm=true` as a change's body says `"confirm": true`. */
export const confirmQuery = z.object({ confirm: z.enum(['true', 'false']).optional() });

export const userCreate = z.strictObject({
  username: text(100),
  password: z.string().max(4096),
  displayName: text(200).optional(),
  email: text(254).optional(),
  role: z.enum(['admin', 'user']).optional(),
  disabled: z.boolean().optional(),
  secSignId: text(255).nullable().optional(),
});

export const userPatch = z
  .strictObject({
    displayName: text(200).optional(),
    email: text(254).optional(),
    role: z.enum(['admin', 'user']).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const passwordBody = z.strictObject({ password: z.string().max(4096) });

export const secSignIdBody = z.strictObject({ secSignId: text(255) });

const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number')
    .transform(Number)
    .refine((n) => n <= max, `at most ${max}`);

export const userListQuery = z.object({
  q: text(200).optional(),
  offset: count(1_000_000_000).optional(),
  limit: count(500).optional(),
});

const instant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time')
  .transform((s) => Date.parse(s));

export const auditQuery = z.object({
  user: text(100).optional(),
  address: text(100).optional(),
  outcome: text(50).optional(),
  action: text(50).optional(),
  from: instant.optional(),
  to: instant.optional(),
  /** `hide` leaves out the routine entries (zone lookups, forward-auth checks). */
  routine: z
    .enum(['show', 'hide'])
    .optional()
    .transform((v) => (v === 'hide' ? false : undefined)),
  offset: count(1_000_000_000).optional(),
  limit: count(500).optional(),
});

export const explainQuery = z.object({
  address: z.string().min(1).max(100),
  username: text(100).optional(),
});
