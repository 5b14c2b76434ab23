/**
 * One JSON request to a Crowd (or Jira user server) REST endpoint over node:http(s): HTTP Basic as
 * the registered application, a configurable CA for private certificates (always verified), a
 * hard time-out for the whole exchange and a cap on the answer's size. Faults come out as
 * `DirectoryError`s worded for an administrator; HTTP statuses are the caller's to interpret.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DirectoryError } from '../types.js';

export interface CrowdRequest {
  method: 'GET' | 'POST';
  url: string;
  applicationName: string;
  applicationPassword: string;
  caPem: string;
  timeoutMs: number;
  body?: unknown;
}

export interface CrowdResponse {
  status: number;
  /** The parsed JSON body, or null when there was none or it was not JSON. */
  json: unknown;
}

const MAX_BODY = 1_000_000;

export function crowdRequest(req: CrowdRequest): Promise<CrowdResponse> {
  const url = new URL(req.url);
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const auth = Buffer.from(`${req.applicationName}:${req.applicationPassword}`).toString('base64');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = send(
      url,
      {
        method: req.method,
        headers: {
          authorization: `Basic ${auth}`,
          accept: 'application/json',
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
        ...(url.protocol === 'https:'
          ? { rejectUnauthorized: true, ...(req.caPem.trim() ? { ca: req.caPem } : {}) }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY)
            r.destroy(new DirectoryError('Crowd sent an answer that is too large.'));
          else chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text === '' ? null : JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => r.destroy(new DirectoryError(`Crowd did not answer within ${req.timeoutMs} ms.`)),
      req.timeoutMs,
    );
    r.on('close', () => clearTimeout(timer));
    r.on('error', (err) => {
      clearTimeout(timer);
      reject(
        err instanceof DirectoryError
          ? err
          : new DirectoryError(`Crowd could not be reached: ${err.message}`),
      );
    });
    r.end(body);
  });
}
