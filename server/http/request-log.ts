/**
 * The logger of the request a route serves: a child carrying the request id (`reqId`), set by the
 * first middleware (server/http/request-context.ts) and made on first use; the process logger when
 * no such middleware ran. Routes and the error handler log through it so that a user's error answer
 * (which carries the same id) leads to the lines written while serving it.
 */
import type { Context } from 'hono';
import { appLogger, type Logger } from '../platform/logger.js';
import type { DoorEnv } from './context.js';

export function requestLog(c: Context): Logger {
  return (c as Context<DoorEnv>).get('log')?.logger ?? appLogger();
}
