/** Every failure the API returns has this shape. `message` is zh-CN, readable by a resident. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  Unauthenticated: 'UNAUTHENTICATED',
  TokenExpired: 'TOKEN_EXPIRED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  RefreshTokenInvalid: 'REFRESH_TOKEN_INVALID',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  Conflict: 'CONFLICT',
  VersionConflict: 'VERSION_CONFLICT',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyInProgress: 'IDEMPOTENCY_IN_PROGRESS',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  WechatError: 'WECHAT_ERROR',
  DevLoginDisabled: 'DEV_LOGIN_DISABLED',
  BindingExists: 'BINDING_EXISTS',
  BindingNotPending: 'BINDING_NOT_PENDING',
  RoomNotBound: 'ROOM_NOT_BOUND',
  DuplicateName: 'DUPLICATE_NAME',
  ImportFailed: 'IMPORT_FAILED',
  PhoneRequired: 'PHONE_REQUIRED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: '请求有误，请检查后重试',
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  MALFORMED_JSON: '请求格式有误（不是有效的 JSON）',
  PAYLOAD_TOO_LARGE: '提交的内容太大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  REFRESH_TOKEN_INVALID: '登录状态已失效，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '找不到该记录，或您无权查看',
  ROUTE_NOT_FOUND: '接口不存在',
  CONFLICT: '操作冲突，请刷新后重试',
  VERSION_CONFLICT: '该记录已被他人修改，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '重复提交的请求内容不一致',
  IDEMPOTENCY_IN_PROGRESS: '请求正在处理中，请稍候',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试',
  WECHAT_ERROR: '微信服务暂时不可用，请稍后再试',
  DEV_LOGIN_DISABLED: '开发登录未开启',
  BINDING_EXISTS: '您已绑定或申请过该房屋',
  BINDING_NOT_PENDING: '该申请已处理',
  ROOM_NOT_BOUND: '您尚未绑定该房屋',
  DUPLICATE_NAME: '名称已存在',
  IMPORT_FAILED: '导入失败，请检查文件内容',
  PHONE_REQUIRED: '请先授权手机号',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};
