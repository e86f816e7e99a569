import { Column, ColumnOptions } from 'typeorm';

/** A UTC instant with millisecond precision (datetime(3) on MySQL, ISO text on SQLite). */
export const DateTimeColumn = (opts: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...opts });

/** JSON kept as text so both dialects agree. */
export const JsonColumn = (opts: ColumnOptions = {}) => Column({ type: 'simple-json', ...opts });
