/**
 * The shape of one language's words for `<ipsafezone-login>`: its own file so the language chunks
 * (terms-en.ts, terms-de.ts) and the loader (terms.ts) can all name it without importing each other.
 */

/** One language's words. Functions take the parts that vary. */
export interface Terms {
  /** BCP 47 code, set as `lang` on what the element renders. */
  code: string;
  loading: string;
  inside: (zone: string) => string;
  /** `ip` is null when the server cannot tell the address (it then counts as outside). */
  outside: (ip: string | null) => string;
  modePassword: string;
  mode2fa: string;
  mode2sa: string;
  username: string;
  password: string;
  secSignId: string;
  signIn: string;
  next: string;
  showPassword: string;
  remember: string;
  help: string;
  forgot: string;
  passAlt: string;
  passHint: (id: string) => string;
  /** The waiting step when the access pass is switched off (no symbol to pick). */
  confirmHint: (id: string) => string;
  waiting: (left: string) => string;
  openApp: string;
  cancel: string;
  sendNew: string;
  startAgain: string;
  retry: string;
  canceled: string;
  signedIn: (name: string) => string;
  stillTrying: string;
  /** `minutes` is the wait rounded up, at least 1. */
  lockedOut: (minutes: number) => string;
  /** The request id the server logged for an error, for support. */
  reference: (id: string) => string;
  /** "Use another way": the link to the other second factors. */
  anotherWay: string;
  /** Above the list of second factors to choose from. */
  chooseHint: string;
  confirm: string;
  /** Messages by API error code (plus `network`); see `errorText` for codes that share one. */
  errors: Record<string, string>;
}
