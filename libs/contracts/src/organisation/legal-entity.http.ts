import { z } from 'zod';
import { listPage, sortedListQuery } from '../common/list-query';
import { isValidInn, isValidKpp, isValidOgrn } from '../common/russian-tax-ids';
import { onceValid } from '../common/russian-errors';

/** Bodies of /api/v1/legal-entities (Настройки → Юридические лица). */

export const LEGAL_ENTITY_TYPES = ['ooo', 'ao', 'pao', 'nao', 'ip'] as const;
export const LegalEntityType = z.enum(LEGAL_ENTITY_TYPES, { error: 'Выберите форму: ООО, АО, ПАО, НАО или ИП' });
export type LegalEntityType = z.infer<typeof LegalEntityType>;
export const LEGAL_ENTITY_TYPE_LABELS_RU: Record<LegalEntityType, string> = {
  ooo: 'ООО',
  ao: 'АО',
  pao: 'ПАО',
  nao: 'НАО',
  ip: 'ИП',
};

/** How a name may already spell its legal form: the abbreviation or the words in full. */
const LEGAL_FORM_SPELLINGS: Record<LegalEntityType, readonly string[]> = {
  ooo: ['ООО', 'Общество с ограниченной ответственностью'],
  ao: ['АО', 'Акционерное общество'],
  pao: ['ПАО', 'Публичное акционерное общество'],
  nao: ['НАО', 'Непубличное акционерное общество'],
  ip: ['ИП', 'Индивидуальный предприниматель'],
};

/** Whether the name starts with its own legal form («ООО «Ромашка»», «ИП Иванов И. И.»), so that no label is added. */
export function nameSpellsLegalForm(type: LegalEntityType, name: string): boolean {
  const lower = name.trim().toLocaleLowerCase('ru');
  return LEGAL_FORM_SPELLINGS[type].some((form) => {
    const prefix = form.toLocaleLowerCase('ru');
    return lower.startsWith(prefix) && !/[\p{L}\p{N}]/u.test(lower.charAt(prefix.length));
  });
}

/** A legal entity as text names its form once: «ООО «Ромашка»» whether the name was typed with the form or without. */
export function legalEntityTitle({ type, name }: { type: LegalEntityType; name: string }): string {
  return nameSpellsLegalForm(type, name) ? name : `${LEGAL_ENTITY_TYPE_LABELS_RU[type]} ${name}`;
}

/** One per organisation: the POS app works with a single tax system. */
export const TAX_SYSTEMS = ['osn', 'usn-income', 'usn-income-expense', 'eshn', 'psn'] as const;
export const TaxSystem = z.enum(TAX_SYSTEMS, { error: 'Выберите систему налогообложения: ОСН, УСН доход, УСН доход − расход, ЕСХН или ПСН' });
export type TaxSystem = z.infer<typeof TaxSystem>;
export const TAX_SYSTEM_LABELS_RU: Record<TaxSystem, string> = {
  osn: 'ОСН',
  'usn-income': 'УСН доход',
  'usn-income-expense': 'УСН доход − расход',
  eshn: 'ЕСХН',
  psn: 'ПСН',
};

const digits = z.string().trim();

/** Fields of the card; ИНН, КПП and ОГРН are checked against the type (organisation or ИП). */
const legalEntityFields = {
  type: LegalEntityType,
  name: z.string().trim().min(1).max(255),
  inn: digits,
  /** Organisations only; an ИП has none (send null or omit). */
  kpp: digits.nullable().optional(),
  ogrn: digits,
  legalAddress: z.string().trim().min(1).max(500),
  taxSystem: TaxSystem,
  /**
   * «Токен для работы с Честным Знаком». Write-only: stored encrypted, shown masked. On update, omit it
   * to keep the stored one, send null to remove it.
   */
  chestnyZnakToken: z.string().trim().min(1).max(4096).nullable().optional(),
};

type LegalEntityFields = { type: LegalEntityType; inn: string; kpp?: string | null; ogrn: string };

function checkRegistrationNumbers(body: LegalEntityFields, ctx: z.core.$RefinementCtx<LegalEntityFields>) {
  const entrepreneur = body.type === 'ip';
  if (entrepreneur ? !/^\d{12}$/.test(body.inn) : !/^\d{10}$/.test(body.inn)) {
    ctx.addIssue({ code: 'custom', path: ['inn'], message: entrepreneur ? 'ИНН индивидуального предпринимателя — 12 цифр' : 'ИНН организации — 10 цифр' });
  } else if (!isValidInn(body.inn)) {
    ctx.addIssue({ code: 'custom', path: ['inn'], message: 'Неверный ИНН: не сходится контрольное число' });
  }
  if (entrepreneur ? !/^\d{15}$/.test(body.ogrn) : !/^\d{13}$/.test(body.ogrn)) {
    ctx.addIssue({ code: 'custom', path: ['ogrn'], message: entrepreneur ? 'ОГРНИП — 15 цифр' : 'ОГРН — 13 цифр' });
  } else if (!isValidOgrn(body.ogrn)) {
    ctx.addIssue({ code: 'custom', path: ['ogrn'], message: entrepreneur ? 'Неверный ОГРНИП: не сходится контрольное число' : 'Неверный ОГРН: не сходится контрольное число' });
  }
  if (entrepreneur) {
    if (body.kpp) ctx.addIssue({ code: 'custom', path: ['kpp'], message: 'У индивидуального предпринимателя нет КПП' });
  } else if (!body.kpp) {
    ctx.addIssue({ code: 'custom', path: ['kpp'], message: 'Обязательное поле' });
  } else if (!isValidKpp(body.kpp)) {
    ctx.addIssue({ code: 'custom', path: ['kpp'], message: 'КПП — 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры' });
  }
}

/** ИНН, КПП and ОГРН are checked even when other fields are wrong, so the card shows every error at once. */
const registrationNumbersChecked = onceValid('type', 'inn', 'kpp', 'ogrn');

export const AddLegalEntityRequest = z.strictObject(legalEntityFields).superRefine(checkRegistrationNumbers, registrationNumbersChecked);
export type AddLegalEntityRequest = z.infer<typeof AddLegalEntityRequest>;

/**
 * The whole card again, with the version the client saw (a stale one gets 409). A tax system other than the
 * organisation's is refused unless `changeTaxSystemForAll`: then every legal entity of the organisation gets it.
 */
export const UpdateLegalEntityRequest = z
  .strictObject({ ...legalEntityFields, expectedVersion: z.number().int().min(1), changeTaxSystemForAll: z.boolean().optional() })
  .superRefine(checkRegistrationNumbers, registrationNumbersChecked);
export type UpdateLegalEntityRequest = z.infer<typeof UpdateLegalEntityRequest>;

export const LegalEntityView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  type: LegalEntityType,
  name: z.string(),
  inn: z.string(),
  kpp: z.string().nullable(),
  ogrn: z.string(),
  legalAddress: z.string(),
  taxSystem: TaxSystem,
  /** Masked, e.g. «••••••3f9a»; null when none is stored. */
  chestnyZnakToken: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LegalEntityView = z.infer<typeof LegalEntityView>;

export const LegalEntityList = listPage(LegalEntityView);
export type LegalEntityList = z.infer<typeof LegalEntityList>;

export const LEGAL_ENTITY_SORTS = ['name', 'inn'] as const;
export const LegalEntityListQuery = sortedListQuery(LEGAL_ENTITY_SORTS);
export type LegalEntityListQuery = z.infer<typeof LegalEntityListQuery>;
