/** The routes of the server's OpenAPI document, flattened into what the fuzzer needs. */
export type Schema = {
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  example?: unknown;
};

export interface Field {
  name: string;
  schema: Schema;
  required: boolean;
}

export interface Operation {
  method: string;
  path: string;
  pathParams: Field[];
  query: Field[];
  /** JSON body fields (null: the route takes no JSON body) */
  body: Field[] | null;
  /** the body is raw text of this content type (CSV import) */
  rawBody?: string;
  multipart?: boolean;
}

type Doc = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

function resolve(doc: Doc, s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  if (s.items) return { ...s, items: resolve(doc, s.items) };
  return s;
}

function fieldsOf(doc: Doc, schema: Schema): Field[] {
  const s = resolve(doc, schema);
  return Object.entries(s.properties ?? {}).map(([name, f]) => ({ name, schema: resolve(doc, f), required: (s.required ?? []).includes(name) }));
}

/** Every operation of the document; `supplement` adds what the document does not declare (see the suite). */
export function operations(doc: Doc, supplement: Record<string, Partial<Pick<Operation, 'query' | 'body' | 'multipart'>>>): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params: any[] = op.parameters ?? [];
      const field = (p: any): Field => ({ name: p.name, schema: resolve(doc, p.schema), required: !!p.required });
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      const raw = Object.keys(content).find((k) => k !== 'application/json');
      const o: Operation = {
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map(field),
        query: params.filter((p) => p.in === 'query').map(field),
        body: json ? fieldsOf(doc, json.schema) : null,
        ...(raw && { rawBody: raw }),
      };
      const extra = supplement[`${o.method} ${path}`];
      if (extra?.query) o.query = [...o.query, ...extra.query.filter((q) => !o.query.some((x) => x.name === q.name))];
      if (extra?.body) o.body = [...(o.body ?? []).filter((b) => !extra.body!.some((x) => x.name === b.name)), ...extra.body];
      if (extra?.multipart) o.multipart = true;
      ops.push(o);
    }
  }
  return ops;
}
