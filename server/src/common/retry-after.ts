import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';

/** A refusal the client may retry later (429 / 423): RetryAfterInterceptor sends `retry-after` with it. */
export class RetryAfterError extends AppError {
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(status, code, message);
  }
}

/** Sets the `retry-after` header (seconds) when the handler refuses with a RetryAfterError; the filter writes the body. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (e instanceof RetryAfterError) {
          const s = Number.isFinite(e.retryAfterSeconds) ? Math.max(1, Math.ceil(e.retryAfterSeconds)) : 60;
          ctx.switchToHttp().getResponse().header('retry-after', String(s));
        }
        return throwError(() => e);
      }),
    );
  }
}
