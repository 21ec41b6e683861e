/**
 * A modest JSON Schema validator for the subset GitHub's OpenAPI 3.0 description uses in request
 * bodies and parameters: $ref, type (with OpenAPI's `nullable`), enum, required, properties,
 * additionalProperties, items, oneOf/anyOf/allOf, string and number bounds. Returns readable
 * problems; an empty list means valid.
 */
export type Schema = Record<string, unknown>;
export type ResolveRef = (ref: string) => Schema;

export function validateSchema(schema: Schema, value: unknown, resolve: ResolveRef, at = '$'): string[] {
  if (typeof schema.$ref === 'string') return validateSchema(resolve(schema.$ref), value, resolve, at);
  const problems: string[] = [];
  if (value === null) {
    if (
      schema.nullable === true ||
      schema.type === undefined ||
      (Array.isArray(schema.type) && schema.type.includes('null'))
    ) {
      return problems;
    }
    return [`${at} must not be null`];
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf as Schema[]) problems.push(...validateSchema(part, value, resolve, at));
  }
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const options = (schema.anyOf ?? schema.oneOf) as Schema[];
    const matches = options.filter(
      (option) => validateSchema(option, value, resolve, at).length === 0,
    ).length;
    if (matches === 0) problems.push(`${at} matches none of the allowed shapes`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    problems.push(`${at} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  const type = schema.type;
  if (typeof type === 'string' && !hasType(type, value)) return [...problems, `${at} must be ${type}`];
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      problems.push(`${at} is too short`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      problems.push(`${at} is too long`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      problems.push(`${at} is below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      problems.push(`${at} is above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === 'object') {
    value.forEach((item, i) =>
      problems.push(...validateSchema(schema.items as Schema, item, resolve, `${at}[${i}]`)),
    );
  }
  if (typeof value === 'object' && !Array.isArray(value) && (schema.properties || schema.required)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in record)) problems.push(`${at}.${name} is required`);
    }
    for (const [name, item] of Object.entries(record)) {
      const property = properties[name];
      if (property) problems.push(...validateSchema(property, item, resolve, `${at}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${name} is not allowed`);
      else if (typeof schema.additionalProperties === 'object') {
        problems.push(
          ...validateSchema(schema.additionalProperties as Schema, item, resolve, `${at}.${name}`),
        );
      }
    }
  }
  return problems;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}
