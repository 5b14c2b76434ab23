/**
 * Argon2id off the event loop and below it in priority. Hashing a password at OWASP's parameters
 * costs about 10–15 ms of one core; under a wave of logins @node-rs/argon2's async calls filled
 * libuv's four pool threads, which then competed with the event loop for the two cores as equals,
 * and every other request waited (zone answers: p99 130–350 ms while logins saturated the CPU;
 * issue 13). Here a pool of worker threads, one per core, hashes with the synchronous calls, and
 * each worker first lowers its own thread's scheduling priority by 10 nice steps below the
 * process's (Linux: a thread's nice value is its own, set through its thread id from
 * /proc/thread-self). The event loop then runs
 * whenever it has work, and the hashing still uses every core it leaves idle.
 *
 * Workers are started on first use and hold the process open only while they have work.
 * Where /proc/thread-self does not exist the workers run at normal priority.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';

/** The worker's code (CommonJS, run with `eval`: no file to find from source or from the build). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  const os = require('node:os');
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + workerData.nice));
} catch {}
const argon2 = require(workerData.modulePath);
parentPort.on('message', ({ id, op, a, b, options }) => {
  try {
    const value = op === 'hash' ? argon2.hashSync(a, options) : argon2.verifySync(a, b);
    parentPort.postMessage({ id, value });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

export interface Argon2Options {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

type Job = {
  id: number;
  message: { id: number; op: 'hash' | 'verify'; a: string; b?: string; options?: Argon2Options };
  resolve: (value: string | boolean) => void;
  reject: (err: Error) => void;
};

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** How far below the event loop's priority the workers run (nice steps; 19 at most). */
const NICE = 10;
const size = Math.max(1, availableParallelism());
const modulePath = createRequire(import.meta.url).resolve('@node-rs/argon2');
const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 1;

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, nice: NICE } });
  worker.unref();
  const slot: Slot = { worker, job: null };
  worker.on('message', (msg: { id: number; value?: string | boolean; error?: string }) => {
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    slot.job = null;
    worker.unref();
    if (msg.error !== undefined) job.reject(new Error(msg.error));
    else job.resolve(msg.value!);
    pump();
  });
  const fail = (err: Error) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    slot.job?.reject(err);
    slot.job = null;
    pump();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The Argon2 worker stopped (exit code ${code}).`)));
  slots.push(slot);
  return slot;
}

function pump(): void {
  while (queue.length > 0) {
    const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? startSlot() : null);
    if (!slot) return;
    const job = queue.shift()!;
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage(job.message);
  }
}

function run<T extends string | boolean>(message: Omit<Job['message'], 'id'>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = nextId++;
    queue.push({
      id,
      message: { ...message, id },
      resolve: resolve as (value: string | boolean) => void,
      reject,
    });
    pump();
  });
}

/** An Argon2 PHC string for `password`. */
export function argon2Hash(password: string, options: Argon2Options): Promise<string> {
  return run<string>({ op: 'hash', a: password, options });
}

/** Whether `password` matches the PHC string `stored`; rejects when `stored` cannot be read. */
export function argon2Verify(stored: string, password: string): Promise<boolean> {
  return run<boolean>({ op: 'verify', a: stored, b: password });
}
