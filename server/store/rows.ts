/**
 * Small readers for libSQL rows, so every store file turns columns into typed values the same way.
 */
import type { Row } from '@libsql/client';

export const str = (row: Row, col: string): string => String(row[col] ?? '');
export const strOrNull = (row: Row, col: string): string | null =>
  row[col] === null || row[col] === undefined ? null : String(row[col]);
export const num = (row: Row, col: string): number => Number(row[col] ?? 0);
export const bool = (row: Row, col: string): boolean => Number(row[col] ?? 0) === 1;
