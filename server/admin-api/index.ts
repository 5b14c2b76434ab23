/**
 * The admin API, mounted at `/api/admin`: JSON for the admin page, administrators only (see
 * `guard.ts`). Each resource is its own sub-app; every rule is in server/domain/, shared with the CLI.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { auditCsvRoutes } from './audit-csv.js';
import { auditRoutes } from './audit-routes.js';
import { directoriesRoutes } from './directories-routes.js';
import { enrolmentRoutes } from './enrolment-routes.js';
import { explainRoutes } from './explain-routes.js';
import { adminGuard } from './guard.js';
import { overviewRoutes } from './overview-routes.js';
import { previewRoutes } from './preview-routes.js';
import { policyDraftRoutes } from './policy-draft-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { usersRoutes } from './users-routes.js';
import { zonesRoutes } from './zones-routes.js';

/** Builds the admin API from the app's doors' dependencies. */
/** Where `server/app.ts` mounts these routes (the admin page's client types its paths from it). */
export const ADMIN_API_PATH = '/api/admin';

export function adminApi(doors: DoorDeps) {
  return new Hono<DoorEnv>()
    .use('*', adminGuard(doors))
    .route('/settings', settingsRoutes(doors))
    .route('/zones', zonesRoutes(doors))
    .route('/users', usersRoutes(doors))
    .route('/directories', directoriesRoutes(doors))
    .route('/audit.csv', auditCsvRoutes(doors))
    .route('/audit', auditRoutes(doors))
    .route('/explain', explainRoutes(doors))
    .route('/overview', overviewRoutes(doors))
    .route('/policy/draft', policyDraftRoutes(doors))
    .route('/policy', previewRoutes(doors))
    .route('/enrolment', enrolmentRoutes(doors));
}

/** The admin API's routes as the admin page's typed client sees them (mounted at `/api/admin`). */
export type AdminApiRoutes = ReturnType<typeof adminApi>;
