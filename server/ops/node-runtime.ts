/**
 * What start-up says about the Node.js it runs on: one true sentence, or nothing on the versions
 * ipsafezone supports and tests (README, "Node.js versions"). Node 20 still runs it (CI tests it)
 * but is past its end of life; odd majors are never long-term-support releases; an even major newer
 * than the newest tested one has not been tried. It replaces `oidc-provider`'s own "Unsupported
 * runtime" line (server/oidc/library.ts), which judges by `process.release.lts` and so also warned
 * on the Node 26 builds CI tests with.
 *
 * A pure function of the version string (`process.version`), so each case is tested directly.
 */

/** The newest Node.js major CI runs the server suite and the start-up smoke test on (.ci/run). */
const NEWEST_TESTED = 26;

/** The oldest release `engines` in package.json admits. */
const OLDEST = { major: 20, minor: 19 };

const RECOMMENDED = 'use Node 24 or 26 (LTS)';

/** The warning for `version` (e.g. `v20.20.2`), or null when there is nothing to say. */
export function nodeRuntimeWarning(version: string): string | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < OLDEST.major || (major === OLDEST.major && minor < OLDEST.minor)) {
    return `Node ${version} is older than ipsafezone supports (${OLDEST.major}.${OLDEST.minor} or later); ${RECOMMENDED}.`;
  }
  if (major === 20) {
    return `Node 20 is past its end of life (April 2026); ${RECOMMENDED}.`;
  }
  if (major % 2 === 1) {
    return `Node ${major} is not a long-term-support release and ipsafezone is not tested on it; ${RECOMMENDED}.`;
  }
  if (major > NEWEST_TESTED) {
    return `Node ${major} is newer than the newest Node ipsafezone is tested on (${NEWEST_TESTED}); ${RECOMMENDED} if anything misbehaves.`;
  }
  return null;
}
