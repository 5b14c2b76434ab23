/**
 * One way to write a point in time on the admin page, the same in the audit log, its filter and the
 * overview: `YYYY-MM-DD HH:MM:SS` in local time — unambiguous in every language, sortable, and what
 * a person types into the filter can be copied straight from a row.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` (local time) for an ISO string or ms since the epoch; the input if invalid. */
export function stamp(at: string | number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** `YYYY-MM-DD` (local time). */
export const day = (at: string | number): string => stamp(at).slice(0, 10);

/**
 * Reads what a person typed in the stamp format (`YYYY-MM-DD`, optionally ` HH:MM` and `:SS`, `T`
 * allowed for the blank) as an ISO string. A bare date at the end of a span (`end`) means the end of
 * that day. `''` for empty input, `null` when it is not such a time.
 */
export function readStamp(text: string, end = false): string | null {
  const s = text.trim();
  if (!s) return '';
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  const date =
    h === undefined && end
      ? new Date(y!, mo! - 1, d!, 23, 59, 59, 999)
      : new Date(y!, mo! - 1, d!, h ?? 0, mi ?? 0, se ?? (end ? 59 : 0), end ? 999 : 0);
  return date.getMonth() === mo! - 1 && date.getDate() === d ? date.toISOString() : null;
}
