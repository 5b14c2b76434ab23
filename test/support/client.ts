/**
 * A small HTTP client for integration tests that behaves like one browser at one address: it keeps
 * cookies, sends JSON with our own Origin, and — through the loopback proxy the test server trusts —
 * claims its address with `X-Forwarded-For`. `setAddress` moves it (e.g. from the office to home).
 */
export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class TestClient {
  private cookies = new Map<string, string>();

  /**
   * @param origin where requests go
   * @param pageOrigin the `Origin` a browser would send: the public URL's origin (https behind a
   *   TLS-terminating proxy while the test talks plain http), default `origin`
   */
  constructor(
    readonly origin: string,
    public address: string | null,
    readonly pageOrigin: string = origin,
  ) {}

  setAddress(address: string | null): this {
    this.address = address;
    return this;
  }

  /**
   * The same browser (the same cookies, address and Origin) talking to another server — another
   * instance behind the same load balancer (test/support/second-instance.ts).
   */
  at(origin: string): TestClient {
    const twin = new TestClient(origin, this.address, this.pageOrigin);
    twin.cookies = this.cookies;
    return twin;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.address !== null) h['x-forwarded-for'] ??= this.address;
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      h.origin ??= this.pageOrigin;
    } else if (method !== 'GET' && method !== 'HEAD') {
      h.origin ??= this.pageOrigin;
    }
    const res = await fetch(this.origin + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body ?? {}, headers);
  }
}
