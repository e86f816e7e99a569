import { ERROR_MESSAGES, ErrorCode } from '@linli/shared';

/** The one exception the code throws on purpose; the filter turns it into {code, message, details}. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }

  static notFound(what?: string) {
    return new AppError(404, ErrorCode.NotFound, what ? `找不到该${what}，或您无权查看` : undefined);
  }
  static forbidden(message?: string) {
    return new AppError(403, ErrorCode.Forbidden, message);
  }
  static badRequest(message: string, details?: unknown) {
    return new AppError(400, ErrorCode.BadRequest, message, details);
  }
  static conflict(code: ErrorCode = ErrorCode.Conflict, message?: string, details?: unknown) {
    return new AppError(409, code, message, details);
  }
  static versionConflict(current?: number) {
    return new AppError(409, ErrorCode.VersionConflict, undefined, current === undefined ? undefined : { currentVersion: current });
  }
}
