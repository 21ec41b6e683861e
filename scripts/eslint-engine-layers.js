// The layers inside src-main/engine, lowest first, and the lint rule that keeps them in order.
//
// A file in engine/<folder>/ may import its own folder and any folder of a LOWER layer, nothing else:
// not a higher layer, not another folder of its own layer (worker/ and pipeline/ never meet except in
// app/), never src-main/headless/ or src-main/cli/. Imports are resolved against the importing file,
// so a nested folder (agent/sandbox/) is not confused with a top-level one (engine/sandbox/).
// A new top-level engine folder must be placed in ENGINE_LAYERS before it may import anything.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lowest first. Each row is one layer; see the comment beside each for what it holds. */
export const ENGINE_LAYERS = [
  ['ports'], // interfaces and models the engine owns (clock, notifier, stores, the job a worker runs)
  ['support', 'config', 'security', 'adapters'], // generic helpers, the parsed config, redaction, plain-Node adapters of ports
  ['queue', 'github', 'journal'], // one module per SQS / GitHub operation; job files and history on disk
  ['workspace'], // git: clone cache, worktrees, commits, push
  ['agent'], // running the coding agent in a worktree
  ['spend', 'retry'], // what agents cost and the limits on it; a task sent back with a note
  ['worker', 'pipeline', 'dlq', 'doctor'], // receive + lease + settle; one job's steps; the DLQ; checks
  ['app'], // wires the above into the app the shells and the UI talk to
  ['sandbox'], // the self-contained demo: a whole app against local peers
];

/** The repository root: this file lives in <root>/scripts/. */
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ENGINE = path.join('src-main', 'engine');
const FORBIDDEN_FROM_ENGINE = [path.join('src-main', 'headless'), path.join('src-main', 'cli')];

function layerOf(folder) {
  return ENGINE_LAYERS.findIndex((layer) => layer.includes(folder));
}

/** The engine folder a path lies in ("worker" for …/src-main/engine/worker/x.ts), or undefined. */
function engineFolder(absolute, root) {
  const relative = path.relative(path.join(root, ENGINE), absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length > 0 ? first : '(engine root)';
}

function isUnder(absolute, root, folder) {
  const relative = path.relative(path.join(root, folder), absolute);
  return relative === '' || !(relative.startsWith('..') || path.isAbsolute(relative));
}

/** @type {import('eslint').Rule.RuleModule} */
const engineLayersRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keeps the layers inside src-main/engine in order (scripts/eslint-engine-layers.js).',
    },
    schema: [],
  },
  create(context) {
    const root = ROOT;
    const from = engineFolder(context.filename, root);
    if (from === undefined) return {};
    const fromLayer = layerOf(from);

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const shell = FORBIDDEN_FROM_ENGINE.find(
        (folder) => isUnder(target, root, folder) || target === path.join(root, `${folder}.ts`),
      );
      if (shell !== undefined) {
        context.report({
          node,
          message: `The engine must not import ${shell.split(path.sep).join('/')}: the shells build on the engine, not the reverse.`,
        });
        return;
      }
      const to = engineFolder(target, root);
      if (to === undefined || to === from) return;
      if (fromLayer < 0) {
        context.report({
          node,
          message: `engine/${from}/ is not in ENGINE_LAYERS (scripts/eslint-engine-layers.js): place it in a layer first.`,
        });
        return;
      }
      const toLayer = layerOf(to);
      if (toLayer < 0 || toLayer >= fromLayer) {
        const why =
          toLayer === fromLayer
            ? 'is in the same layer; folders of one layer do not import each other'
            : toLayer < 0
              ? 'is not in ENGINE_LAYERS'
              : 'is in a higher layer';
        context.report({
          node,
          message: `engine/${from}/ must not import engine/${to}/: it ${why} (see ENGINE_LAYERS in scripts/eslint-engine-layers.js).`,
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export const engineLayersPlugin = { rules: { 'engine-layers': engineLayersRule } };
