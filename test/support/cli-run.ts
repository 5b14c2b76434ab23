/**
 * Runs the command line in this process with a `CliIo` that feeds standard input and captures
 * both outputs (lines end in a line break, as on a real stream) — for CLI tests on a database URL.
 */
import { runCli } from '../../server/cli/run.js';
import type { CliIo } from '../../server/cli/io.js';
import type { Clock } from '../../server/platform/clock.js';

export interface CliResult {
  status: number;
  out: string;
  err: string;
}

export async function runCliCaptured(
  args: string[],
  options: { env: Record<string, string>; stdin?: string; clock?: Clock },
): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: options.env,
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    out: (line) => (out += line + '\n'),
    err: (line) => (err += line + '\n'),
  };
  const status = await runCli(args, io, options.clock);
  return { status, out, err };
}
