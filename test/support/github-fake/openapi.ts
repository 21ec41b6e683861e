/**
 * GitHub's REST description (from @octokit/openapi, the api.github.com document), loaded once per
 * process, and a checker that says whether a request is one GitHub would accept: a described path
 * and method, path and query parameters of the declared names and types, and a body matching the
 * operation's request schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateSchema, type Schema } from './schema-validator.ts';

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Schema;
}

interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly (Parameter | { $ref: string })[];
  readonly requestBody?: {
    readonly required?: boolean;
    readonly content: Record<string, { schema: Schema }>;
  };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: Record<string, Record<string, unknown>>;
}

export interface MatchedRequest {
  /** The OpenAPI path template, e.g. /repos/{owner}/{repo}/issues/{issue_number}. */
  readonly route: string;
  readonly operationId: string;
  readonly params: Record<string, string>;
  /** Why GitHub would not accept the request; empty when it would. */
  readonly problems: string[];
}

let loaded: { doc: OpenApiDocument; routes: { template: string; regex: RegExp; names: string[] }[] } | null =
  null;

function load() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@octokit/openapi/package.json'));
  const doc = JSON.parse(
    readFileSync(join(root, 'generated', 'api.github.com.json'), 'utf8'),
  ) as OpenApiDocument;
  const routes = Object.keys(doc.paths).map((template) => {
    const names: string[] = [];
    const pattern = template
      .split('/')
      .map((segment) =>
        segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name: string | undefined) => {
          if (name) {
            names.push(name);
            return '([^/]+)';
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }),
      )
      .join('/');
    return { template, regex: new RegExp(`^${pattern}$`), names };
  });
  // Literal segments win over parameters: fewer parameters first.
  routes.sort((a, b) => a.names.length - b.names.length);
  loaded = { doc, routes };
  return loaded;
}

function resolveRef(ref: string): Schema {
  const { doc } = load();
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/'))
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node || typeof node !== 'object') throw new Error(`unresolvable $ref ${ref}`);
  return node as Schema;
}

/** Checks a request against the description; null when no described operation has that path. */
export function matchRequest(
  method: string,
  pathname: string,
  query: URLSearchParams,
  body: unknown,
): MatchedRequest | null {
  const { doc, routes } = load();
  for (const route of routes) {
    const match = route.regex.exec(pathname);
    if (!match) continue;
    const operation = doc.paths[route.template]![method.toLowerCase()];
    if (!operation) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    return {
      route: route.template,
      operationId: operation.operationId,
      params,
      problems: check(operation, params, query, body),
    };
  }
  return null;
}

function check(
  operation: Operation,
  params: Record<string, string>,
  query: URLSearchParams,
  body: unknown,
): string[] {
  const problems: string[] = [];
  const declared = (operation.parameters ?? []).map((p) =>
    '$ref' in p ? (resolveRef(p.$ref) as unknown as Parameter) : p,
  );
  for (const parameter of declared.filter((p) => p.in === 'path')) {
    problems.push(
      ...checkScalar(`path parameter ${parameter.name}`, params[parameter.name], parameter.schema),
    );
  }
  const queryParameters = new Map(declared.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const [name, value] of query) {
    const parameter = queryParameters.get(name);
    if (!parameter) problems.push(`query parameter "${name}" is not described for ${operation.operationId}`);
    else problems.push(...checkScalar(`query parameter ${name}`, value, parameter.schema));
  }
  for (const parameter of queryParameters.values()) {
    if (parameter.required && !query.has(parameter.name))
      problems.push(`query parameter ${parameter.name} is required`);
  }
  const schema = operation.requestBody?.content['application/json']?.schema;
  if (body === undefined) {
    if (operation.requestBody?.required) problems.push(`${operation.operationId} requires a JSON body`);
  } else if (!schema) {
    problems.push(`${operation.operationId} takes no JSON body`);
  } else {
    problems.push(...validateSchema(schema, body, resolveRef, 'body'));
  }
  return problems;
}

function checkScalar(what: string, value: string | undefined, schema: Schema | undefined): string[] {
  if (value === undefined || !schema) return [];
  const resolved = typeof schema.$ref === 'string' ? resolveRef(schema.$ref) : schema;
  if (resolved.type === 'integer' && !/^-?\d+$/.test(value))
    return [`${what} must be an integer, got "${value}"`];
  if (resolved.type === 'boolean' && value !== 'true' && value !== 'false')
    return [`${what} must be a boolean`];
  if (Array.isArray(resolved.enum) && !resolved.enum.includes(value))
    return [`${what} must be one of ${resolved.enum.join(', ')}`];
  return [];
}
