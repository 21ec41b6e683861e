/**
 * Reads infra/terraform with @cdktn/hcl2json (Terraform's own HCL parser compiled to WASM, so it
 * runs offline) and offers the few look-ups the infra tests need. Expressions stay as hcl2json
 * writes them: `${aws_sqs_queue.tasks.arn}`.
 */
import { convertFiles } from '@cdktn/hcl2json';
import { fileURLToPath } from 'node:url';

export const TERRAFORM_DIR = fileURLToPath(new URL('../../../../infra/terraform', import.meta.url));

type Block = Record<string, unknown>;

export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: unknown;
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly principals?: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly condition?: readonly PolicyCondition[];
}

export class TerraformConfig {
  readonly raw: Record<string, Record<string, Record<string, Block[]>> | Block[]>;

  constructor(raw: Record<string, unknown>) {
    this.raw = raw as TerraformConfig['raw'];
  }

  /** The one `resource "type" "name"` block. */
  resource(type: string, name: string): Block {
    return single(this.section('resource')[type]?.[name], `resource "${type}" "${name}"`);
  }

  /** The one `data "type" "name"` block. */
  data(type: string, name: string): Block {
    return single(this.section('data')[type]?.[name], `data "${type}" "${name}"`);
  }

  /** Names of every `data "type"` block. */
  dataNames(type: string): string[] {
    return Object.keys(this.section('data')[type] ?? {});
  }

  policyStatements(dataName: string): PolicyStatement[] {
    const statements = this.data('aws_iam_policy_document', dataName)['statement'];
    if (!Array.isArray(statements))
      throw new Error(`data.aws_iam_policy_document.${dataName} has no statement blocks`);
    return statements as PolicyStatement[];
  }

  variable(name: string): Block {
    return single(this.section('variable')[name] as unknown as Block[] | undefined, `variable "${name}"`);
  }

  variableNames(): string[] {
    return Object.keys(this.section('variable'));
  }

  output(name: string): Block {
    return single(this.section('output')[name] as unknown as Block[] | undefined, `output "${name}"`);
  }

  outputNames(): string[] {
    return Object.keys(this.section('output'));
  }

  local(name: string): unknown {
    const locals = (this.raw['locals'] ?? []) as Block[];
    const holder = locals.find((block) => name in block);
    if (!holder) throw new Error(`local.${name} is not defined`);
    return holder[name];
  }

  /** `${var.name}` becomes the variable's default: what the setting is unless someone overrides it. */
  effective(value: unknown): unknown {
    const match = typeof value === 'string' ? /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(value) : null;
    return match ? this.variable(match[1] as string)['default'] : value;
  }

  /** Every top-level `terraform {}` block, merged. */
  settings(): Block {
    return Object.assign({}, ...((this.raw['terraform'] ?? []) as Block[])) as Block;
  }

  private section(kind: string): Record<string, Record<string, Block[]>> {
    return (this.raw[kind] ?? {}) as Record<string, Record<string, Block[]>>;
  }
}

export async function loadTerraform(dir = TERRAFORM_DIR): Promise<TerraformConfig> {
  return new TerraformConfig(await convertFiles(dir));
}

/**
 * A statement's conditions as the AWS provider renders them into JSON: one object per test
 * (operator), holding every variable written with that test. Values of a repeated test+variable
 * are merged, which is why the duplicate-key test forbids that too.
 */
export function renderConditions(
  conditions: readonly PolicyCondition[] = [],
): Record<string, Record<string, unknown[]>> {
  const rendered: Record<string, Record<string, unknown[]>> = {};
  for (const { test, variable, values } of conditions) {
    const byVariable = (rendered[test] ??= {});
    byVariable[variable] = [...(byVariable[variable] ?? []), ...(Array.isArray(values) ? values : [values])];
  }
  return rendered;
}

function single(blocks: Block[] | undefined, what: string): Block {
  if (!blocks || blocks.length !== 1)
    throw new Error(`expected exactly one ${what}, found ${blocks?.length ?? 0}`);
  return blocks[0] as Block;
}
