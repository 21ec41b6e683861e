/**
 * The one way text is picked and filled, for the window's UI and the shell's tray, menus, dialogs
 * and notifications alike: the same locale rule and the same placeholder syntax over the catalogues
 * in this folder. Placeholders are {name}; a plural is {name|one form|other form} with # for the
 * number (English plurals; Japanese uses one form).
 */
import type { LocaleSetting } from '../settings.ts';

export type Locale = 'en' | 'ja';

/** The user's choice, else the first of the system's languages we speak; English otherwise. */
export function resolveLocale(setting: LocaleSetting | string, systemLanguages: readonly string[]): Locale {
  if (setting === 'en' || setting === 'ja') return setting;
  for (const language of systemLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('ja')) return 'ja';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Values = Readonly<Record<string, string | number>>;

export function fill(template: string, values?: Values): string {
  return template.replace(
    /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g,
    (whole, name: string, one?: string, other?: string) => {
      if (!values || !(name in values)) return whole;
      const value = values[name]!;
      if (one === undefined) return String(value);
      return (Number(value) === 1 ? one : other!).replace('#', String(value));
    },
  );
}

/** A translate function over one catalogue. */
export function translatorFor<K extends string>(catalogue: { readonly [key in K]: string }) {
  return (key: K, values?: Values): string => fill(catalogue[key], values);
}
