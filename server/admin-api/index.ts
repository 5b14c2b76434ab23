/**
 * The admin API, mounted at `/api/admin`: JSON for the admin page, administrators only (see
 * `guard.ts`). Each resource is its own sub-app; every rule is in server/domain/, shared with the CLI.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { DoorEnv } from '../http/context.js';
import { createZoneMatcherSource, type ZoneMatcherSource } from '../domain/zone-matcher-source.js';
import { createSettingsSource, type SettingsSource } from '../domain/settings-source.js';
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

/** Builds the admin API from the app's providers. */
export function adminApi(
  providers: AppProviders,
  /** The app's shared zone matcher source, so a zone change is seen by the login flow at once. */
  matchers: ZoneMatcherSource = createZoneMatcherSource(providers.db, providers.clock),
  /** The app's shared settings source (what the doors decide with). */
  settings: SettingsSource = createSettingsSource(providers.db),
) {
  return new Hono<DoorEnv>()
    .use('*', adminGuard(providers))
    .route('/settings', settingsRoutes(providers, { db: providers.db, zones: matchers, settings }))
    .route('/zones', zonesRoutes(providers))
    .route('/users', usersRoutes(providers))
    .route('/directories', directoriesRoutes(providers))
    .route('/audit.csv', auditCsvRoutes(providers))
    .route('/audit', auditRoutes(providers))
    .route('/explain', explainRoutes(providers, matchers))
    .route('/overview', overviewRoutes(providers))
    .route('/policy/draft', policyDraftRoutes(providers))
    .route('/policy', previewRoutes(providers))
    .route('/enrolment', enrolmentRoutes(providers));
}
