// Types for the Mocha globals that web-test-runner's test framework gives browser tests
// (test/widget/, test/admin/). The project has no @types/mocha; these few are all the tests use.

interface BrowserMochaContext {
  /** Sets this test's or hook's time limit in ms. */
  timeout(ms: number): void;
}
type BrowserMochaFn = (this: BrowserMochaContext) => void | Promise<unknown>;

declare function describe(title: string, body: (this: BrowserMochaContext) => void): void;
declare function it(title: string, fn?: BrowserMochaFn): void;
declare function before(fn: BrowserMochaFn): void;
declare function after(fn: BrowserMochaFn): void;
declare function beforeEach(fn: BrowserMochaFn): void;
declare function afterEach(fn: BrowserMochaFn): void;
