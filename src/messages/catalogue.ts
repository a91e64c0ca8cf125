/**
 * The message catalogues: the words of every document and message, one catalogue per language,
 * kept apart from the code that builds documents. A builder names a key and its parameters; the
 * catalogue of the document's language gives the words.
 */
import type { DocumentLanguage } from '../document/model.js';
import { da } from './da.js';
import { en, type Catalogue } from './en.js';

/**
 * A key of the catalogues.
 *
 * @example
 * ```ts
 * const key: MessageKey = 'status.open';
 * ```
 */
export type MessageKey = keyof typeof en;


const CATALOGUES: Readonly<Record<DocumentLanguage, Catalogue>> = { en, da };

/**
 * The words of `key` in `language`, with each `{name}` replaced by its parameter (a parameter
 * missing from `params` is an error, never left as `{name}`).
 *
 * @example
 * ```ts
 * message('da', 'unit.days', { count: '31' }); // '31 dage'
 * message('en', 'status.open'); // 'open'
 * ```
 */
export function message(language: DocumentLanguage, key: MessageKey, params?: Readonly<Record<string, string>>): string {
  const catalogue = CATALOGUES[language];
  const template = catalogue[key];
  return template.replace(/\{([a-zA-Z]+)\}/g, (_whole: string, name: string): string => {
    const value = params !== undefined && Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) throw new RangeError(`message ${key}: no parameter ${name}`);
    return value;
  });
}

/**
 * Every key of both catalogues with the parameters its words name (for the test that holds the
 * catalogues to the same keys and parameters).
 *
 * @example
 * ```ts
 * catalogueKeys().get('en')?.includes('status.met'); // true
 * ```
 */
export function catalogueKeys(): ReadonlyMap<DocumentLanguage, readonly string[]> {
  return new Map([
    ['en', Object.keys(en)],
    ['da', Object.keys(da)],
  ]);
}
