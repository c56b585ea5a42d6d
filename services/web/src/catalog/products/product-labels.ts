import { PAYMENT_SUBJECTS, VAT_RATE_CODES, VAT_RATES, oksmCountryName, type AnyVatRate, type CategoryView, type UnitView } from '@elk/contracts';

/** The НДС choices of the card, as the receipt names them: «22%», «НДС не облагается», … */
export const VAT_OPTIONS = VAT_RATES.map((rate) => ({ value: rate, label: VAT_RATE_CODES[rate].label }));

/** Предмет расчёта (tag 1212) by its name. */
export const PAYMENT_SUBJECT_OPTIONS = PAYMENT_SUBJECTS.map(({ code, name }) => ({ value: String(code), label: name }));

export function vatLabel(rate: string): string {
  return Object.hasOwn(VAT_RATE_CODES, rate) ? VAT_RATE_CODES[rate as AnyVatRate].label : rate;
}

const PAYMENT_SUBJECT_NAMES = new Map(PAYMENT_SUBJECTS.map(({ code, name }) => [code, name]));

export function paymentSubjectName(code: number): string {
  return PAYMENT_SUBJECT_NAMES.get(code) ?? String(code);
}

export function countryName(code: string): string {
  return oksmCountryName(code) ?? code;
}

/** Names of the organisation's units and categories by id, for the table and the history. */
export interface CatalogNames {
  units: ReadonlyMap<string, UnitView>;
  categories: ReadonlyMap<string, CategoryView>;
}

export function catalogNames(units: readonly UnitView[], categories: readonly CategoryView[]): CatalogNames {
  return { units: new Map(units.map((unit) => [unit.id, unit])), categories: new Map(categories.map((category) => [category.id, category])) };
}
