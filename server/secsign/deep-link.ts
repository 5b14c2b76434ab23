/**
 * The link that opens the SecSign ID app on the phone the login page runs on, built as SecSign's
 * Jira plugin builds it (`SecSignIDAuthenticator.java`, template `secsignid-accesspass.vm`):
 * `com.secsign.secsignid://?secsignid=…&authsessionid=…&returnurl=…&idserverurl=…`, where
 * `idserverurl` is the ID server's host only (`URL.getAuthority()`), and for SecSign's default
 * server `https://httpapi.secsign.com` the app's host `id1.secsign.com` instead.
 */

/** `idserverurl` for the app: host (and port) of `serverUrl`; `httpapi.secsign.com` becomes `id1.secsign.com`. */
export function idServerForApp(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return '';
  }
  if (url.protocol === 'https:' && url.host === 'httpapi.secsign.com') return 'id1.secsign.com';
  return url.host;
}

/** The deep link into the SecSign ID app for one auth session. */
export function secSignDeepLink(input: {
  secSignId: string;
  authSessionId: string;
  returnUrl: string;
  /** The first configured ID server URL (as the Jira plugin uses its configured server). */
  idServerUrl: string;
}): string {
  return (
    'com.secsign.secsignid://?' +
    new URLSearchParams({
      secsignid: input.secSignId,
      authsessionid: input.authSessionId,
      returnurl: input.returnUrl,
      idserverurl: idServerForApp(input.idServerUrl),
    }).toString()
  );
}
