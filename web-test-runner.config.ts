// web-test-runner configuration for the browser tests (test/widget/, test/admin/), run by
// scripts/test-browser.sh (`npm run test:browser`). Headless Debian Chromium; TypeScript through
// esbuild — except the built bundle under dist/, which must reach the browser byte for byte (a test
// of the build would otherwise test esbuild's rewrite of it); one real backend for all tests, started
// and driven by test/support/browser-backend.ts. The dev server listens on 127.0.0.1 like the
// backend, so the element's cross-origin calls carry same-site cookies.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, type TestRunnerConfig, type TestRunnerPlugin } from '@web/test-runner';
import { backendApiProxy, browserBackendPlugin } from './test/support/browser-backend.js';

/** Leaves every file under /dist/ alone: the built bundle is tested exactly as it was built. */
function skipDist(plugin: TestRunnerPlugin): TestRunnerPlugin {
  const transform = plugin.transform?.bind(plugin);
  if (transform) {
    plugin.transform = (context) =>
      context.path.startsWith('/dist/') ? undefined : transform(context);
  }
  return plugin;
}

const config: TestRunnerConfig = {
  // test/widget/unit/ holds Node tests of the pure parts (scripts/test-server.sh runs them).
  files: ['test/widget/**/*.test.ts', 'test/admin/**/*.test.ts', '!test/widget/unit/**'],
  hostname: '127.0.0.1',
  nodeResolve: true,
  // Two cores, and every test file talks to the same backend: one page at a time.
  concurrency: 1,
  concurrentBrowsers: 1,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  // The admin pages' same-origin API calls go on to the backend (see backendApiProxy).
  middleware: [backendApiProxy],
  plugins: [
    skipDist(esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' })),
    browserBackendPlugin(),
  ],
  // SecSign steps wait in real time (first poll after 2 s).
  testFramework: { config: { timeout: 20_000 } },
  testsFinishTimeout: 5 * 60_000,
  browserStartTimeout: 60_000,
};

export default config;
