import { ERROR_MESSAGES, ErrorCode } from '@linli/shared';
import type { Socket } from 'node:net';

/**
 * Errors Node's HTTP parser raises before fastify sees a request (a request line or headers over 16 KiB, a
 * garbled request, a header timeout): answered in the API's {code, message} shape instead of fastify's own.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', ErrorCode.PayloadTooLarge, '请求地址或请求头太长']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', ErrorCode.BadRequest, '请求超时，请重试']
        : [400, 'Bad Request', ErrorCode.BadRequest, ERROR_MESSAGES.BAD_REQUEST];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
