/**
 * Entry point of `npm run ipsafezone -- <command>` and of the `ipsafezone` bin: wires the real
 * process (arguments, environment, stdin, stdout, stderr) to `runCli`.
 */
import { text } from 'node:stream/consumers';
import { runCli } from './run.js';

const status = await runCli(process.argv.slice(2), {
  env: process.env,
  readStdin: () => text(process.stdin),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
process.exitCode = status;
