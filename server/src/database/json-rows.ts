import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows of another table folded into one column of a query, as a JSON array (one statement for a ticket, its clocks,
 * its events and its photos). `from` is the rest of the subquery (`FROM clocks k WHERE k.subject_id = t.id`); the
 * object's keys are the entity's column names plus `extra` (name → SQL expression). Order is not kept: sort after.
 */
export function jsonRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  alias: string,
  from: string,
  extra: Record<string, string> = {},
): string {
  const obj = jsonObject(em, target, alias, extra);
  return em.connection.options.type === 'mysql' ? `(SELECT COALESCE(JSON_ARRAYAGG(${obj}), '[]') ${from})` : `(SELECT json_group_array(${obj}) ${from})`;
}

/** One row (or NULL) as a JSON object: `from` must select at most one row. */
export function jsonRow<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  alias: string,
  from: string,
  extra: Record<string, string> = {},
): string {
  return `(SELECT ${jsonObject(em, target, alias, extra)} ${from})`;
}

function jsonObject<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, alias: string, extra: Record<string, string>): string {
  const fn = em.connection.options.type === 'mysql' ? 'JSON_OBJECT' : 'json_object';
  const pairs = em.connection.getMetadata(target).columns.map((c) => `'${c.databaseName}', ${alias}.${c.databaseName}`);
  for (const [k, v] of Object.entries(extra)) pairs.push(`'${k}', ${v}`);
  return `${fn}(${pairs.join(', ')})`;
}

/** Entities from a `jsonRows` / `jsonRow` column, typed as TypeORM would hydrate them (UTC datetimes, booleans, JSON). */
export function fromJson<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, value: unknown): (T & { extra: Record<string, unknown> })[] {
  if (value === null || value === undefined) return [];
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  // an engine may hand nested objects back as JSON text
  const list = (Array.isArray(parsed) ? parsed : [parsed]).map((x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x)) as Record<string, unknown>[];
  const meta = em.connection.getMetadata(target);
  return list.map((row) => {
    const props: Record<string, unknown> = {};
    for (const c of meta.columns) props[c.propertyName] = hydrate(row[c.databaseName], String(c.type === Date ? 'datetime' : c.type), c.transformer);
    const e = em.create(target, props as never) as T & { extra: Record<string, unknown> };
    e.extra = row;
    return e;
  });
}

type Transformer = { from: (v: unknown) => unknown } | { from: (v: unknown) => unknown }[] | undefined;

function hydrate(v: unknown, type: string, transformer: unknown): unknown {
  let out: unknown = v;
  if (v === null || v === undefined) out = null;
  else if (type === 'datetime') out = new Date(String(v).replace(' ', 'T').replace(/Z?$/, 'Z'));
  else if (type === 'boolean') out = v === true || Number(v) === 1;
  else if (type === 'simple-json') out = typeof v === 'string' ? JSON.parse(v) : v;
  else if (type === 'simple-array') out = String(v) === '' ? [] : String(v).split(',');
  else if (type === 'int' || type === 'bigint' || type === 'integer') out = Number(v);
  const t = transformer as Transformer;
  if (t && !Array.isArray(t)) out = t.from(out);
  return out;
}
