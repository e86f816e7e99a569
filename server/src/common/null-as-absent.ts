import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';

const KEEP_NULL = Symbol('keepNull');

/** Marks a body field where `null` means something ("clear it"): the pipe leaves its null in place. */
export function KeepNull(): PropertyDecorator {
  return (target, key) => {
    const keep: Set<string | symbol> = Reflect.getOwnMetadata(KEEP_NULL, target) ?? new Set(Reflect.getMetadata(KEEP_NULL, target) ?? []);
    keep.add(key);
    Reflect.defineMetadata(KEEP_NULL, keep, target);
  };
}

/** The body without its `null` fields (nested objects too), except those marked @KeepNull on the DTO. */
export function dropNulls(value: unknown, metatype?: { prototype?: object }): unknown {
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? dropNulls(v) : v));
  if (!value || typeof value !== 'object') return value;
  const keep: Set<string | symbol> | undefined = metatype?.prototype ? Reflect.getMetadata(KEEP_NULL, metatype.prototype) : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null && !keep?.has(k)) continue;
    out[k] = v && typeof v === 'object' ? dropNulls(v) : v;
  }
  return out;
}

/**
 * `@IsOptional()` lets `null` through as well as a missing field, but the services (and their types, `x?: T`)
 * only expect a missing one: `{roomId: null}` reached `findOneBy({id: null})` and `{name: null}` a NOT NULL column,
 * both 500s. A null body field therefore counts as absent: optional ones are skipped, required ones are reported
 * missing.
 */
export class NullAsAbsentPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    return super.transform(metadata.type === 'body' ? dropNulls(value, metadata.metatype) : value, metadata);
  }
}
