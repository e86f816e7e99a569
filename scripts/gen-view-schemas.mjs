#!/usr/bin/env node
// OpenAPI schemas of the API's views, read from the shared TypeScript types (shared/src/index.ts exports) with the
// compiler's type checker: every exported interface and string-literal union becomes components.schemas.<Name>.
// Run by `npm run build -w @linli/server` after tsc; writes server/dist/common/openapi/view-schemas.json, which the
// server's /api/docs merges in (server/src/common/openapi/api-doc.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'shared/src/index.ts');
const out = process.argv[2] ?? path.join(root, 'server/dist/common/openapi/view-schemas.json');

const program = ts.createProgram([entry], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true });
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
const exported = new Map();
for (const sym of checker.getExportsOfModule(moduleSymbol)) {
  const s = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
  const decl = s.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
  if (decl && !decl.typeParameters?.length) exported.set(sym.name, checker.getDeclaredTypeOfSymbol(s));
}
/** the exported name of a type (so it becomes a $ref), if it has one */
const nameOf = new Map([...exported].map(([n, t]) => [t, n]));

function doc(sym) {
  const text = ts.displayPartsToString(sym?.getDocumentationComment(checker) ?? []).trim();
  return text ? { description: text } : {};
}

function withNull(schema, nullable) {
  if (!nullable) return schema;
  return schema.$ref ? { anyOf: [schema], nullable: true } : { ...schema, nullable: true };
}

function schemaOf(type, depth = 0, top = false) {
  if (!top && nameOf.has(type)) return { $ref: `#/components/schemas/${nameOf.get(type)}` };
  if (depth > 12) return {};
  const f = type.flags;
  if (f & ts.TypeFlags.Any || f & ts.TypeFlags.Unknown) return {};
  if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
  if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
  if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
  if (f & ts.TypeFlags.String || f & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
  if (f & ts.TypeFlags.Number) return { type: 'number' };
  if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (f & ts.TypeFlags.Null || f & ts.TypeFlags.Undefined) return { nullable: true };
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const nullable = parts.length < type.types.length;
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return withNull({ type: 'boolean' }, nullable);
    if (parts.every((t) => t.flags & ts.TypeFlags.StringLiteral)) return withNull({ type: 'string', enum: parts.map((t) => t.value) }, nullable);
    if (parts.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) return withNull({ type: 'integer', enum: parts.map((t) => t.value) }, nullable);
    if (parts.length === 1) return withNull(schemaOf(parts[0], depth + 1), nullable);
    return withNull({ anyOf: parts.map((t) => schemaOf(t, depth + 1)) }, nullable);
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const [item] = checker.getTypeArguments(type);
    return { type: 'array', items: item ? schemaOf(item, depth + 1) : {} };
  }
  if (f & ts.TypeFlags.Object) {
    const properties = {};
    const required = [];
    for (const p of checker.getPropertiesOfType(type)) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const pt = decl ? checker.getTypeOfSymbolAtLocation(p, decl) : checker.getTypeOfSymbol(p);
      if (pt.getCallSignatures().length) continue;
      const s = schemaOf(pt, depth + 1);
      properties[p.name] = { ...s, ...doc(p) };
      if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
    }
    const index = checker.getIndexInfosOfType(type)[0];
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    if (index) schema.additionalProperties = schemaOf(index.type, depth + 1);
    return schema;
  }
  return {};
}

const schemas = {};
for (const [name, type] of exported) {
  const s = schemaOf(type, 0, true);
  if (!s.type && !s.anyOf && !s.enum) continue; // functions, unknown shapes
  const sym = type.aliasSymbol ?? type.getSymbol();
  schemas[name] = { ...s, ...doc(sym) };
}
// refs to names that turned out not to be schemas (e.g. generic helpers) become open objects
const json = JSON.stringify(schemas).replace(/\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g, (m, n) => (schemas[n] ? m : '{}'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(JSON.parse(json), null, 1));
console.log(`view schemas: ${Object.keys(schemas).length} → ${path.relative(root, out)}`);
