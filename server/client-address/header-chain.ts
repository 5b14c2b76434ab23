/**
 * Splits one forwarding header into hops, nearest (rightmost) first, with bounded work: only the
 * last `maxLength` characters are read and at most `maxHops` hops are parsed. The split runs from
 * the right so that the entries our proxies appended are read correctly whatever a client wrote to
 * their left (an unterminated quote in a forged `Forwarded` value cannot swallow them).
 */
import { parseForwardedElement, parseForwardedForEntry, type Hop } from './hop-syntax.js';
import type { ClientIpHeader } from './types.js';

/** A hop, or the point where reading stopped because of a cap. */
export type ChainItem = Hop | { kind: 'cut'; why: 'hop_limit' | 'header_too_long' };

export interface HopChain {
  /** Hops nearest first; the last item may be a `cut`. Empty list elements are skipped. */
  items: ChainItem[];
  /** Number of (non-empty) hops in the header, or null when it was not read to its left end. */
  total: number | null;
}

export interface ChainLimits {
  /** Characters read from the right end of the header. */
  maxLength: number;
  /** Hops parsed, nearest first. */
  maxHops: number;
}

export const DEFAULT_CHAIN_LIMITS: ChainLimits = { maxLength: 8192, maxHops: 32 };

/** True when the quote at `at` is preceded by an odd number of backslashes (escaped). */
function escaped(s: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && s.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

/** Start of the list element ending at `end` (exclusive): just after the comma before it, or 0. */
function elementStart(s: string, end: number, quoteAware: boolean): number {
  let i = end - 1;
  while (i >= 0) {
    const c = s.charCodeAt(i);
    if (c === 44 /* , */) return i + 1;
    if (quoteAware && c === 34 /* " */) {
      // Skip back over the quoted string to its opening quote (one not escaped).
      let j = i - 1;
      while (j >= 0 && (s.charCodeAt(j) !== 34 || escaped(s, j))) j--;
      if (j < 0) return 0; // Unterminated: the rest is one (malformed) element.
      i = j - 1;
      continue;
    }
    i--;
  }
  return 0;
}

/**
 * The list elements of `s`, rightmost first, without empty ones; scanning stops once `limit`+1 are
 * found. `complete` says whether the scan reached the left end (so the count is the total).
 */
function elementsFromRight(
  s: string,
  quoteAware: boolean,
  limit: number,
): { elements: string[]; complete: boolean; startOfLast: number } {
  const elements: string[] = [];
  let end = s.length;
  let startOfLast = 0;
  while (end >= 0 && elements.length <= limit) {
    const start = elementStart(s, end, quoteAware);
    const text = s.slice(start, end);
    if (text.trim() !== '') {
      elements.push(text);
      startOfLast = start;
    }
    end = start - 1;
  }
  return { elements, complete: end < 0, startOfLast };
}

/**
 * Reads the hops of one configured header value, nearest first. `x-real-ip` holds one address; a
 * list there is malformed. Work is bounded by `limits` whatever the header's size.
 */
export function readHopChain(
  header: ClientIpHeader,
  value: string,
  limits: ChainLimits = DEFAULT_CHAIN_LIMITS,
): HopChain {
  const tooLong = value.length > limits.maxLength;
  const s = tooLong ? value.slice(value.length - limits.maxLength) : value;
  if (header === 'x-real-ip') {
    if (tooLong) return { items: [{ kind: 'cut', why: 'header_too_long' }], total: null };
    const hop: Hop = s.includes(',') ? { kind: 'malformed' } : parseForwardedForEntry(s);
    return { items: [hop], total: 1 };
  }
  const forwarded = header === 'forwarded';
  const { elements, complete, startOfLast } = elementsFromRight(s, forwarded, limits.maxHops);
  const items: ChainItem[] = [];
  const hopLimited = elements.length > limits.maxHops;
  const parsed = Math.min(elements.length, limits.maxHops);
  for (let k = 0; k < parsed; k++) {
    // The leftmost element of a cut header may be a fragment: never read it as an address.
    if (tooLong && !hopLimited && k === elements.length - 1 && startOfLast === 0) break;
    const text = elements[k]!;
    items.push(forwarded ? parseForwardedElement(text) : parseForwardedForEntry(text));
  }
  if (hopLimited) items.push({ kind: 'cut', why: 'hop_limit' });
  else if (tooLong) items.push({ kind: 'cut', why: 'header_too_long' });
  return { items, total: tooLong || !complete ? null : elements.length };
}
