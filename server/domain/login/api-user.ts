/**
 * A signed-in user as the login answers describe them (`answers.ts` re-exports it). A file of its
 * own so the login steps can name it without importing the answers' types, which derive from the
 * factor modules — and a module's routes import the steps (an import circle otherwise).
 */

/** A signed-in user as the backend describes them. */
export interface ApiUser {
  username: string;
  displayName: string;
  email: string;
  role: 'admin' | 'user';
  secSignId: string | null;
}
