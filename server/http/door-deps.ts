/**
 * What every door receives: one object, built once per app in `createApp` (server/app.ts) and
 * handed to each route factory, so that every factory has the one signature
 * `(doors: DoorDeps) => Hono<DoorEnv, …>` and a new door needs no new plumbing. It carries the
 * app's providers and the pieces the app holds once for all its doors — the zone matcher and
 * settings the zone decision reads, the session service (look-up, cache, `last_seen_at`), the audit windows shared
 * between a fast path and its route, the bundles' folder. A factory takes what it uses
 * (`({ db, clock }: DoorDeps) => …`); tests build the whole app rather than a door alone.
 */
import type { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { DoorEnv } from './context.js';
import type { ZoneDecisionDeps } from '../domain/zone-decision.js';
import type { SessionLifetimes } from '../store/sessions.js';
import type { SessionService } from '../domain/session-service.js';
import type { GrantAudits } from '../domain/grant-audits.js';
import type { GuardAudits } from '../domain/guard-audits.js';
import type { Metrics } from '../ops/metrics.js';

export interface DoorDeps extends AppProviders {
  /** What the zone decision reads: the app's one zone matcher source and settings source. */
  zoneDecision: ZoneDecisionDeps;
  /** Idle and absolute session lifetimes, from the configuration. */
  lifetimes: SessionLifetimes;
  /** The app's sessions: the look-up with its one-second cache, and keeping them alive. */
  sessions: SessionService;
  /** Forward-auth's grant audit windows, shared by its fast path and its route. */
  grantAudits: GrantAudits;
  /** The guard's audit windows, shared by `GET /api/guard` and the token relay. */
  guardAudits: GuardAudits;
  /** Where `vite build` put the widget and page bundles. */
  distDir: string;
  /** The app's metrics (`ops.meters`, or a set of its own): two apps count apart. */
  metrics: Metrics;
}

/** A door: its routes, built from the app's `DoorDeps` (the demo's pages are one too). */
export type DoorFactory = (doors: DoorDeps) => Hono<DoorEnv>;
