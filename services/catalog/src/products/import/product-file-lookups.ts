import { CATEGORY_PATH_SEPARATOR, OKSM_COUNTRIES, PAYMENT_SUBJECTS, VAT_RATE_CODES, categoryPaths, oksmCountryName, type AnyVatRate } from '@elk/contracts';

/** How a file may spell a name: spaces around and letter case aside, «е» for «ё». */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

/** «напитки/ кофе» as «напитки / кофе». */
function normalizePath(path: string): string {
  return path
    .split('/')
    .map(normalizeName)
    .join(CATEGORY_PATH_SEPARATOR);
}

function byName<T>(entries: ReadonlyArray<readonly [string, T]>): Map<string, T> {
  return new Map(entries.map(([name, value]) => [normalizeName(name), value]));
}

const VAT_BY_LABEL = byName([
  ...Object.entries(VAT_RATE_CODES).map(([rate, { label }]) => [label, rate as AnyVatRate] as const),
  // What many price lists and other back offices write for «НДС не облагается».
  ['Без НДС', 'none' as const],
]);
const PAYMENT_SUBJECT_BY_NAME = byName(PAYMENT_SUBJECTS.map((subject) => [subject.name, subject.code] as const));
const COUNTRY_BY_NAME = byName(OKSM_COUNTRIES.map((country) => [country.name, country.code] as const));

export interface UnitEntry {
  id: string;
  name: string;
  shortName: string;
}

export interface CategoryEntry {
  id: string;
  name: string;
  parentId: string | null;
}

/** A unit's name, or its short name; several units answering to it is the file's problem to resolve. */
export type UnitMatch = { unitId: string } | { ambiguous: true } | undefined;

/**
 * Everything a product file names by text rather than id, looked up once per batch: the organisation's units and
 * category paths, and the fixed lists (VAT labels, tag 1212, ОКСМ).
 */
export class ProductFileLookups {
  private readonly unitsByName = new Map<string, string[]>();
  private readonly unitsByShortName = new Map<string, string[]>();
  private readonly categoriesByPath: Map<string, string>;

  constructor(units: readonly UnitEntry[], categories: readonly CategoryEntry[]) {
    for (const unit of units) {
      for (const [index, name] of [[this.unitsByName, unit.name] as const, [this.unitsByShortName, unit.shortName] as const]) {
        const key = normalizeName(name);
        index.set(key, [...(index.get(key) ?? []), unit.id]);
      }
    }
    this.categoriesByPath = new Map([...categoryPaths(categories)].map(([id, path]) => [normalizePath(path), id]));
  }

  /** By name first: «м» is a unit's short name, and maybe another's name. */
  unit(text: string): UnitMatch {
    const key = normalizeName(text);
    const found = this.unitsByName.get(key) ?? this.unitsByShortName.get(key);
    if (!found) return undefined;
    return found.length === 1 ? { unitId: found[0]! } : { ambiguous: true };
  }

  category(path: string): string | undefined {
    return this.categoriesByPath.get(normalizePath(path));
  }

  vat(label: string): AnyVatRate | undefined {
    return VAT_BY_LABEL.get(normalizeName(label).replace(/\s*%$/, '%'));
  }

  /** A tag 1212 code (the schema checks it is one), or a name. */
  paymentSubject(text: string): number | undefined {
    const trimmed = text.trim();
    return /^\d+$/.test(trimmed) ? Number(trimmed) : PAYMENT_SUBJECT_BY_NAME.get(normalizeName(trimmed));
  }

  /** A three-digit ОКСМ code (leading zeros a spreadsheet dropped put back), or a name. */
  country(text: string): string | undefined {
    const trimmed = text.trim();
    if (/^\d{1,3}$/.test(trimmed)) {
      const code = trimmed.padStart(3, '0');
      return oksmCountryName(code) === undefined ? undefined : code;
    }
    return COUNTRY_BY_NAME.get(normalizeName(trimmed));
  }
}
