/**
 * Static files as the browser should get them: each file read once per change (size and
 * modification time), with its brotli and gzip forms, an ETag per form from the content's SHA-256,
 * and the form chosen by `Accept-Encoding` (answers say `Vary: Accept-Encoding`). The compressed
 * forms come from the build (`scripts/compress-assets.ts` writes `<file>.br` and `<file>.gz`);
 * a missing or stale one (it must decompress to the file's very bytes) is made in memory instead,
 * so a form never disagrees with its file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface StaticFile {
  /** base64url SHA-256 of the content, 27 characters (also the URL version of hashed links). */
  hash: string;
  /** False for files already compressed (images): only `identity` is meaningful. */
  compressible: boolean;
  forms: Record<Encoding, Uint8Array>;
}

interface Entry {
  key: string;
  file: StaticFile;
}

const cache = new Map<string, Entry>();

const COMPRESSIBLE = /\.(js|css|svg|json|html)$/i;

/** Brotli at its best quality and gzip at level 9: the build's settings, here for a fallback. */
export function compressForms(raw: Uint8Array): { br: Uint8Array; gzip: Uint8Array } {
  return {
    br: brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip: gzipSync(raw, { level: 9 }),
  };
}

async function precompressed(
  path: string,
  dirs: readonly string[],
  suffix: string,
  raw: Buffer,
  decode: (b: Buffer) => Buffer,
): Promise<Uint8Array | null> {
  for (const dir of dirs) {
    try {
      const body = await readFile(join(dir, `${basename(path)}${suffix}`));
      if (decode(body).equals(raw)) return new Uint8Array(body);
    } catch {
      // absent or unreadable: try the next place, else compress in memory
    }
  }
  return null;
}

/**
 * The file at `path` with its forms, or null when it cannot be read. Precompressed forms are looked
 * for next to the file and in `precompressedDirs`.
 */
export async function loadStaticFile(
  path: string,
  precompressedDirs: readonly string[] = [],
): Promise<StaticFile | null> {
  let key: string;
  try {
    const s = await stat(path);
    if (!s.isFile()) return null;
    key = `${s.size}:${s.mtimeMs}`;
  } catch {
    cache.delete(path);
    return null;
  }
  const hit = cache.get(path);
  if (hit?.key === key) return hit.file;
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    return null;
  }
  const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 27);
  const forms: Record<Encoding, Uint8Array> = { identity: raw, br: raw, gzip: raw };
  const compressible = COMPRESSIBLE.test(path);
  if (compressible) {
    const dirs = [join(path, '..'), ...precompressedDirs];
    const br = await precompressed(path, dirs, '.br', raw, (b) => brotliDecompressSync(b));
    const gz = await precompressed(path, dirs, '.gz', raw, (b) => gunzipSync(b));
    const made = br && gz ? null : compressForms(raw);
    forms.br = br ?? made!.br;
    forms.gzip = gz ?? made!.gzip;
  }
  const file: StaticFile = { hash, compressible, forms };
  cache.set(path, { key, file });
  return file;
}

/** The best encoding the client accepts (brotli, then gzip, then none), by `Accept-Encoding`. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** The ETag of one form: the content hash, with the encoding after a dot for compressed forms. */
export function etagOf(file: StaticFile, encoding: Encoding): string {
  return encoding === 'identity' ? `"${file.hash}"` : `"${file.hash}.${encoding}"`;
}

/** True when `If-None-Match` names this content in any form (weak comparison) or is `*`. */
export function notModified(ifNoneMatch: string | undefined, file: StaticFile): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/^"([^".]*)(?:\.[a-z]+)?"$/, '$1');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === file.hash);
}

/** Headers and body for a static answer (200 or 304), given the file and the request's headers. */
export function staticAnswer(
  file: StaticFile,
  request: { acceptEncoding: string | undefined; ifNoneMatch: string | undefined },
  contentType: string,
  cacheControl: string,
): { status: 200 | 304; body: Uint8Array | null; headers: Record<string, string> } {
  const compressible = file.compressible;
  const encoding = compressible ? chooseEncoding(request.acceptEncoding) : 'identity';
  const headers: Record<string, string> = {
    'Cache-Control': cacheControl,
    ETag: etagOf(file, encoding),
    'X-Content-Type-Options': 'nosniff',
  };
  if (compressible) headers.Vary = 'Accept-Encoding';
  if (notModified(request.ifNoneMatch, file)) return { status: 304, body: null, headers };
  headers['Content-Type'] = contentType;
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  return { status: 200, body: file.forms[encoding], headers };
}
