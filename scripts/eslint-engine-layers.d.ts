// Types for the plain-JS lint rule (eslint.config.js loads it without a TypeScript step).
import type { ESLint } from 'eslint';

export const ENGINE_LAYERS: readonly (readonly string[])[];
export const engineLayersPlugin: ESLint.Plugin;
