import { ValidationError } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';
import { NullAsAbsentPipe } from './null-as-absent';

const RULES_ZH: Record<string, string> = {
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isString: '必须是文本',
  isBoolean: '必须是 true 或 false',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  isArray: '必须是列表',
  arrayMaxSize: '数量超出上限',
  arrayMinSize: '数量不足',
  maxLength: '太长',
  isLength: '长度不符合要求',
  minLength: '太短',
  min: '太小',
  max: '太大',
  isPositive: '必须大于 0',
  matches: '格式不正确',
  isDateString: '必须是日期',
  isISO8601: '必须是日期时间',
  whitelistValidation: '是不允许的字段',
  isMobilePhone: '不是有效的手机号',
};

type Problem = { field: string; rule: string; message: string };

function flatten(errors: ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // a decorator's own zh-CN message (`{ message: '…' }`) is already readable; class-validator's defaults are English
    const own = Object.entries(e.constraints ?? {}).map(([rule, text]) => ({
      field,
      rule,
      message: /[\u4e00-\u9fff]/.test(text) ? text : `「${field}」${RULES_ZH[rule] ?? '格式不正确'}`,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function validationPipe() {
  return new NullAsAbsentPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new AppError(400, ErrorCode.ValidationFailed, problems[0]?.message ?? undefined, problems);
    },
  });
}
