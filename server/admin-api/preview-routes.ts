/**
 * `POST /api/admin/policy/preview`: the impact preview of a draft policy (issue 27) — what the
 * draft's zones, settings or trusted proxies would have done to the period's recorded sign-ins
 * (server/domain/policy-preview.ts). The admin page asks it before it offers Save on a change that
 * moves the policy. It changes nothing and audits nothing: the save that may follow is audited.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { MAX_RANGES_PER_ZONE } from '../domain/zones-service.js';
import { MAX_PREVIEW_DAYS, previewPolicy } from '../domain/policy-preview.js';
import { validate } from './validate.js';
import { SECOND_FACTOR_NAMES } from '../factors/registry.js';

const text = (max: number) => z.string().max(max);

/** A draft: every field optional; what is given replaces the live value. */
export const previewDraft = z.strictObject({
  /** Every zone as it would be, in order. */
  zones: z
    .array(
      z.strictObject({
        name: text(100),
        ranges: z.array(text(200)).max(MAX_RANGES_PER_ZONE),
        enabled: z.boolean().optional(),
        force: z.boolean().optional(),
      }),
    )
    .max(1000)
    .optional(),
  ipSafeZoneActive: z.boolean().optional(),
  twoStepActive: z.boolean().optional(),
  outsideFactors: z.array(z.enum(SECOND_FACTOR_NAMES)).max(4).optional(),
  /** Another IPSAFEZONE_TRUSTED_PROXIES (addresses and CIDRs). */
  trustedProxies: z.array(text(100)).max(1000).optional(),
  /** The period looked back on, in days (default 30). */
  days: z.number().int().min(1).max(MAX_PREVIEW_DAYS).optional(),
});

export function previewRoutes({ db, clock, config }: DoorDeps) {
  return new Hono<DoorEnv>().post('/preview', validate('json', previewDraft), async (c) => {
    const { days, ...draft } = c.req.valid('json');
    const preview = await previewPolicy(
      {
        db,
        clock,
        clientAddress: {
          trustedProxies: [...config.trustedProxies],
          header: config.clientIpHeader,
        },
      },
      draft,
      { days },
    );
    return c.json(preview);
  });
}
