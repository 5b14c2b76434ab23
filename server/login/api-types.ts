/**
 * The login API's answers (docs/api.md), as the widget and the admin page `import type` them —
 * type-only imports cost the bundle nothing, so the contract cannot drift between hand-kept copies.
 * The shapes themselves are the login steps' (`server/domain/login/answers.ts`), which build them.
 */
export type * from '../domain/login/answers.js';
