/**
 * `oidc-provider`, loaded without its "Unsupported runtime" line. When its index module is
 * evaluated it prints `oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later
 * LTS release.` unless `process.release.lts` names Node 22 or later — so on Node 20 and also on the
 * Node 26 builds CI tests with (they carry no LTS code name), although the whole suite, OpenID
 * Connect included, passes on both. ipsafezone says what is true about the runtime itself, once, at
 * start-up (server/ops/node-runtime.ts).
 *
 * While the module is imported, `console.warn` drops exactly that one line (with or without the
 * colour codes it adds on a terminal) and passes everything else through; afterwards the previous
 * `console.warn` is put back. A newer oidc-provider that words it differently is shown again, not
 * hidden. Every other module imports the provider from here.
 */
import type ProviderClass from 'oidc-provider';

const RUNTIME_WARNING = 'oidc-provider WARNING: Unsupported runtime.';

/** Whether a `console.warn` call is oidc-provider's runtime line. */
export function isLibraryRuntimeWarning(args: readonly unknown[]): boolean {
  return args.length === 1 && typeof args[0] === 'string' && args[0].includes(RUNTIME_WARNING);
}

async function importQuietly(): Promise<typeof import('oidc-provider')> {
  const previous = console.warn;
  const filtered = (...args: unknown[]) => {
    if (!isLibraryRuntimeWarning(args)) previous.apply(console, args);
  };
  console.warn = filtered;
  try {
    return await import('oidc-provider');
  } finally {
    // Put back only our own replacement: something that replaced it meanwhile stays.
    if (console.warn === filtered) console.warn = previous;
  }
}

const library = await importQuietly();

export const Provider: typeof ProviderClass = library.default;
export type Provider = ProviderClass;
export const interactionPolicy = library.interactionPolicy;
export const oidcErrors = library.errors;
