import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength, ValidateBy, ValidationArguments } from 'class-validator';
import { isOrdered, isRealDate, parseInstant } from '@linli/shared';

/** The DTO decorators for dates and free text; their messages are zh-CN (validation.ts passes them through). */

const field = (a?: ValidationArguments) => `「${a?.property ?? ''}」`;

/** YYYY-MM-DD that exists on the calendar (no 2026-02-30, no 2026-99-99), years 1900–2100. */
export function IsCalendarDate() {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: isRealDate, defaultMessage: (a) => `${field(a)}必须是有效日期（YYYY-MM-DD），如 2026-11-20` },
  });
}

/**
 * A strict ISO 8601 instant (see parseInstant: real calendar days only, Asia/Shanghai when no offset is given),
 * handed on as a canonical UTC ISO string so `new Date(dto.x)` in a service can never meet a shifted date.
 */
export function IsInstant() {
  return applyDecorators(
    Transform(({ value }) => parseInstant(value)?.toISOString() ?? value),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: (v) => parseInstant(v) !== null,
        defaultMessage: (a) => `${field(a)}必须是有效的日期时间，如 2026-11-20T09:30:00+08:00`,
      },
    }),
  );
}

/** On the end of a range (`to`): not before the field named `from` of the same object. */
export function NotBefore(from: string) {
  return ValidateBy({
    name: 'notBefore',
    constraints: [from],
    validator: {
      validate: (v, a) => isOrdered((a?.object as Record<string, unknown>)[from], v),
      defaultMessage: (a) => `${field(a)}不能早于「${from}」`,
    },
  });
}

/** Edge whitespace, including the ideographic space and zero-width characters a paste brings along. */
const EDGE_SPACE = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;
export const trimText = (value: unknown) => (typeof value === 'string' ? value.replace(EDGE_SPACE, '') : value);

/** Free text that must say something: trimmed, then `min`..`max` characters (whitespace alone is empty). Add @IsOptional() if it may be left out. */
export function Text(max: number, min = 1) {
  return applyDecorators(
    Transform(({ value }) => trimText(value)),
    IsString({ message: (a: ValidationArguments) => `${field(a)}必须是文本` }),
    Length(min, max, {
      message: (a: ValidationArguments) => (typeof a.value === 'string' && a.value.length < min ? `${field(a)}不能为空` : `${field(a)}最多 ${max} 个字`),
    }),
  );
}

/** Optional free text (a note, a comment): trimmed; blank counts as not given, so it is never stored. */
export function OptionalText(max: number) {
  return applyDecorators(
    Transform(({ value }) => {
      const v = trimText(value);
      return v === '' ? undefined : v;
    }),
    IsOptional(),
    IsString({ message: (a: ValidationArguments) => `${field(a)}必须是文本` }),
    MaxLength(max, { message: (a: ValidationArguments) => `${field(a)}最多 ${max} 个字` }),
  );
}
