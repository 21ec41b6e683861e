/**
 * Keys a user wrote that the worker does not know: a typo (`repositorys`), or a key of a newer
 * version. The schemas would drop them silently, so they are found here, named with the closest
 * known key, and reported at start (and by the doctor) instead. The known keys come from the
 * schemas themselves, so a key added there is known here at once.
 */
import { settingsSchema } from '../../../shared/settings.ts';
import { workerConfigSchema } from './worker-config.ts';

export interface UnknownKey {
  /** The key as written, with its section: "leaseSecond", "agent.modle". */
  readonly key: string;
  /** Where it was written: "the config file /x/config.json", "the saved settings". */
  readonly where: string;
  /** The closest known key, or null when none is close. */
  readonly closest: string | null;
}

type Shape = Record<string, unknown>;

/** Known keys of a zod object, and of its object-valued sections (one level down). */
function knownKeys(shape: Shape): { top: string[]; sections: Map<string, string[]> } {
  const sections = new Map<string, string[]>();
  for (const [key, field] of Object.entries(shape)) {
    const inner = objectShape(field);
    if (inner) sections.set(key, Object.keys(inner));
  }
  return { top: Object.keys(shape), sections };
}

/** The shape of a zod object, looking through default/prefault/optional/nullable wrappers. */
function objectShape(field: unknown): Shape | null {
  let current = field as { shape?: Shape; unwrap?: () => unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (current.shape && typeof current.shape === 'object') return current.shape;
    current = typeof current.unwrap === 'function' ? (current.unwrap() as typeof current) : undefined;
  }
  return null;
}

function findUnknown(value: unknown, shape: Shape, where: string): UnknownKey[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const { top, sections } = knownKeys(shape);
  const found: UnknownKey[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (!top.includes(key)) {
      found.push({ key, where, closest: closestKey(key, [...top, ...flatten(sections)]) });
      continue;
    }
    const nested = sections.get(key);
    if (!nested || typeof inner !== 'object' || inner === null || Array.isArray(inner)) continue;
    for (const innerKey of Object.keys(inner)) {
      if (!nested.includes(innerKey)) {
        const candidates = nested.map((name) => `${key}.${name}`);
        found.push({
          key: `${key}.${innerKey}`,
          where,
          closest: closestKey(`${key}.${innerKey}`, candidates),
        });
      }
    }
  }
  return found;
}

function flatten(sections: Map<string, string[]>): string[] {
  return [...sections].flatMap(([section, keys]) => keys.map((key) => `${section}.${key}`));
}

/** Unknown keys in a config file's object. */
export function unknownConfigFileKeys(value: unknown, path: string): UnknownKey[] {
  return findUnknown(value, workerConfigSchema.shape, `the config file ${path}`);
}

/** Unknown keys in the settings saved from the app. */
export function unknownSettingsKeys(value: unknown): UnknownKey[] {
  return findUnknown(value, settingsSchema.shape, 'the saved settings');
}

/** One line a user can act on: what was ignored, where, and what they probably meant. */
export function describeUnknownKey(unknown: UnknownKey): string {
  const hint = unknown.closest ? ` (did you mean "${unknown.closest}"?)` : '';
  return `unknown key "${unknown.key}" in ${unknown.where} is ignored${hint}`;
}

/**
 * The known key nearest to what was written, by edit distance ignoring case; null when even the
 * nearest needs more edits than a third of the word (then it is not a typo of it).
 */
export function closestKey(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.ceil(key.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
