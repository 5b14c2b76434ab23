/**
 * Prometheus metrics (prom-client), one registry per app: `createApp` makes them (or takes
 * main.ts's, which also count the database's faults) and hands them to its doors, so two apps in
 * one process count apart. Sign-ins, decisions per door and rate-limit refusals are counted where
 * every decision passes anyway — the audit log's `appendAudit` on the app's database handle, and
 * the aggregated audit for refusals folded into an earlier row (`countAudits`) — so the login
 * code needs no metric calls of its own; request latency is measured
 * by the request-context middleware, database faults by the database guard, and the SecSign ID
 * round trip by a wrapper around the SecSign client.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { onAuditAppended, type AuditEntryInput } from '../store/audit.js';
import type { Executor } from '../db/executor.js';
import type { SecSignClient } from '../secsign/types.js';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  dbErrors: Counter<'code'>;
  signIns: Counter<'action' | 'outcome' | 'mode' | 'zone'>;
  decisions: Counter<'door' | 'outcome' | 'mode'>;
  rateLimited: Counter<'door'>;
  guardDecisions: Counter<'outcome' | 'reason' | 'door'>;
  auditFolded: Counter<'door' | 'outcome'>;
  secondFactor: Histogram<'call' | 'outcome'>;
}

/**
 * A new set of metrics in a registry of its own. `processMetrics`: also Node's default ones (CPU,
 * memory, event loop lag) — for the process's one served registry (main.ts), since each set of
 * them starts its own event-loop monitor.
 */
export function createMetrics({ processMetrics = false } = {}): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: 'ipsafezone_' });
  const m: Metrics = {
    registry,
    httpDuration: new Histogram({
      name: 'ipsafezone_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    dbErrors: new Counter({
      name: 'ipsafezone_database_errors_total',
      help: 'Database faults (locked, full, read-only, replaced, unreachable …), by code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    signIns: new Counter({
      name: 'ipsafezone_signin_steps_total',
      help: 'Sign-in steps by action (login.password, login.secsign, login.success, login.failure), outcome, required mode and zone.',
      labelNames: ['action', 'outcome', 'mode', 'zone'],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'ipsafezone_decisions_total',
      help: 'Audited decisions per door (login.zone, verify, login.*, logout), by outcome and required mode.',
      labelNames: ['door', 'outcome', 'mode'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'ipsafezone_rate_limit_refusals_total',
      help: 'Requests refused because a user name, address or SecSign ID was locked.',
      labelNames: ['door'],
      registers: [registry],
    }),
    guardDecisions: new Counter({
      name: 'ipsafezone_guard_decisions_total',
      help: 'Requests to Jira/Confluence/Bitbucket judged by the guard (GET /api/guard), by outcome (passed, refused), reason and the product door they aimed at.',
      labelNames: ['outcome', 'reason', 'door'],
      registers: [registry],
    }),
    auditFolded: new Counter({
      name: 'ipsafezone_audit_folded_total',
      help: 'Repeated refusals (and other aggregated decisions) counted into an earlier audit row instead of a row of their own, by door and outcome.',
      labelNames: ['door', 'outcome'],
      registers: [registry],
    }),
    secondFactor: new Histogram({
      name: 'ipsafezone_secsign_round_trip_seconds',
      help: 'Round trip of each call to the SecSign ID server, by call and outcome.',
      labelNames: ['call', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers: [registry],
    }),
  };
  return m;
}

/**
 * Counts in `m` every entry audited through the database handle `db` (the app's); returns a
 * function that stops counting (the app's `close()`).
 */
export function countAudits(m: Metrics, db: Executor): () => void {
  return onAuditAppended(db, (entry, folded) => countDecision(m, entry, folded));
}

function countDecision(m: Metrics, entry: AuditEntryInput, folded: boolean): void {
  const door = entry.action;
  const outcome = entry.outcome ?? '';
  const mode = entry.required ?? '';
  m.decisions.inc({ door, outcome, mode });
  if (folded) m.auditFolded.inc({ door, outcome });
  if (door.startsWith('login.') && door !== 'login.zone') {
    m.signIns.inc({ action: door, outcome, mode, zone: entry.zone ?? '' });
  }
  if (outcome === 'locked' || outcome === 'rate_limited') m.rateLimited.inc({ door });
}

/** The SecSign client with each call's round trip observed. */
export function timedSecSign(inner: SecSignClient, m: Metrics): SecSignClient {
  const time =
    <A extends unknown[], R>(call: string, fn: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const end = m.secondFactor.startTimer({ call });
      try {
        const r = await fn(...args);
        end({ outcome: 'ok' });
        return r;
      } catch (err) {
        end({ outcome: (err as { code?: string }).code ?? 'error' });
        throw err;
      }
    };
  return {
    requestAuthSession: time('request', (i) => inner.requestAuthSession(i)),
    getAuthSessionState: time('state', (r) => inner.getAuthSessionState(r)),
    cancelAuthSession: time('cancel', (r) => inner.cancelAuthSession(r)),
  };
}
