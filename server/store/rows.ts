/**
 * Small readers for libSQL rows, so every store file turns columns into typed values the same way.
 */
import type { Row } from '../db/database.js';

/** A column's text: strings as they are, numbers and big integers in decimal, blobs as hex. */
function text(value: Row[string] | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('hex');
  return '';
}

export const str = (row: Row, col: string): string => text(row[col]);
export const strOrNull = (row: Row, col: string): string | null =>
  row[col] === null || row[col] === undefined ? null : text(row[col]);
export const num = (row: Row, col: string): number => Number(row[col] ?? 0);
export const bool = (row: Row, col: string): boolean => Number(row[col] ?? 0) === 1;
