/**
 * What a CLI command talks to: its arguments' environment, standard input and the two output
 * streams, so that commands do not reach for `process` themselves.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** Reads all of standard input as text. */
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

/** A refusal to run because the command line is wrong (exit status 2, with the command's help). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The password given on standard input: everything, less one trailing line break. */
export async function readPassword(io: CliIo): Promise<string> {
  const text = await io.readStdin();
  return text.replace(/\r?\n$/, '');
}

/** Parses `on`/`off` (also true/false, yes/no, 1/0). */
export function onOff(value: string | undefined, help: string): boolean {
  const v = value?.trim().toLowerCase();
  if (v && ['on', 'true', 'yes', '1'].includes(v)) return true;
  if (v && ['off', 'false', 'no', '0'].includes(v)) return false;
  throw new UsageError(`expected on or off, got "${value ?? ''}"`, help);
}

/** Formats rows as left-aligned columns. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
