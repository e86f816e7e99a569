import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ComplaintAction, RepairAction } from '@linli/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';

type Schema = Record<string, unknown>;

/**
 * The views of @linli/shared as OpenAPI schemas (components.schemas.<Name>), generated from the TypeScript types
 * at build time by scripts/gen-view-schemas.mjs into dist/common/openapi/view-schemas.json.
 */
export const VIEW_SCHEMAS_FILE = path.join(__dirname, 'view-schemas.json');

/** a shared view by its type name: ref('RepairDetail') */
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
/** a list of views */
export const refList = (name: string): Schema => ({ type: 'array', items: ref(name) });
/** a keyset page of views (Page<T> in shared/src/api/common.ts) */
export const refPage = (name: string): Schema => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: refList(name), nextCursor: { type: 'string', nullable: true, description: '下一页的 cursor；最后一页为 null' } },
});

/**
 * One line per operation: its summary and its success answer (200 by default; 201 for creates, 204 for none).
 * `schema` is a ref(), refList(), refPage() or an inline schema object.
 */
export function ApiDoc(summary: string, schema: Schema | null, status: 200 | 201 | 204 = 200, description?: string) {
  const answer =
    status === 204
      ? ApiNoContentResponse({ description: '成功，无内容' })
      : (status === 201 ? ApiCreatedResponse : ApiOkResponse)({ description: description ?? '成功', schema: schema ?? { type: 'object' } });
  return applyDecorators(ApiOperation({ summary }), answer);
}

/** `{action}` of POST /api/repairs/{id}/actions/{action} and of complaints: the shared state machine's actions */
export const ApiRepairAction = () => ApiParam({ name: 'action', enum: Object.values(RepairAction), description: '状态机动作；当前可做的见详情的 actions' });
export const ApiComplaintAction = () =>
  ApiParam({ name: 'action', enum: Object.values(ComplaintAction), description: '状态机动作；当前可做的见详情的 actions' });

/** The error answer every route shares ({code, message, details}); merged with the view schemas into the document. */
const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string', example: '请求参数有误' },
    details: { description: '按错误而定：字段错误列表、缺少的步骤等' },
  },
};

/** Adds the view schemas to the document (the names the ApiDoc lines refer to). */
export function withViewSchemas(doc: OpenAPIObject, file = VIEW_SCHEMAS_FILE): OpenAPIObject {
  const views = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Schema>) : {};
  doc.components ??= {};
  doc.components.schemas = { ...views, ErrorBody: ERROR_SCHEMA, ...doc.components.schemas };
  return doc;
}
