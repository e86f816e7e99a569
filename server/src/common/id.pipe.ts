import { ParseIntPipe } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';

/** Route ids: a non-integer is a 400 in our error shape, never a lookup. */
export const IdPipe = new ParseIntPipe({ exceptionFactory: () => new AppError(400, ErrorCode.ValidationFailed, '编号必须是整数') });
