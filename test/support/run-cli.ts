/**
 * Runs the command line in the test's own process against a database URL, with a real `CliIo`
 * that feeds standard input and captures the output lines (each ending in a line break, as on a
 * real stream) — quicker than a process per command on a shared machine.
 */
import { runCli } from '../../server/cli/run.js';
import type { CliIo } from '../../server/cli/io.js';

export interface CliResult {
  status: number | null;
  out: string;
  err: string;
}

export async function runCliOn(url: string, args: string[], stdin = ''): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { DATABASE_URL: url },
    readStdin: () => Promise.resolve(stdin),
    out: (line) => (out += line + '\n'),
    err: (line) => (err += line + '\n'),
  };
  const status = await runCli(args, io);
  return { status, out, err };
}
