import { Column, ColumnOptions } from 'typeorm';

/** A UTC instant with millisecond precision (datetime(3) on MySQL, ISO text on SQLite). */
export const DateTimeColumn = (opts: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...opts });

/** JSON kept as text so both dialects agree. */
export const JsonColumn = (opts: ColumnOptions = {}) => Column({ type: 'simple-json', ...opts });

/** bigint read back as a JS number (cents stay far below 2^53). */
export const numberTransformer = { to: (v: unknown) => v, from: (v: unknown) => (v === null || v === undefined ? v : Number(v)) };
export const CentsColumn = (name: string, opts: ColumnOptions = {}) => Column({ name, type: 'bigint', transformer: numberTransformer, ...opts });
