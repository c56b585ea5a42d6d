import { DomainError, type EncryptedSecret } from '@elk/contracts';
import { deciderSpec } from '@elk/testing';
import { legalEntityDecider, type LegalEntityCommand, type LegalEntityEvent, type LegalEntityFields } from './legal-entity.decider';

const spec = deciderSpec(legalEntityDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const first = '22222222-2222-4222-8222-222222222222';
const second = '33333333-3333-4333-8333-333333333333';
const at = '2025-01-15T10:00:00.000Z';
const later = '2025-01-16T10:00:00.000Z';
const token: EncryptedSecret = { ciphertext: 'v1.iv.tag.ct', last4: '3f9a' };

const romashka: LegalEntityFields = {
  type: 'ooo',
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  taxSystem: 'usn-income',
  chestnyZnakToken: token,
};
const ivanov: LegalEntityFields = {
  type: 'ip',
  name: 'ИП Иванов',
  inn: '500100732259',
  kpp: null,
  ogrn: '304500116000157',
  legalAddress: 'г. Москва',
  taxSystem: 'usn-income',
  chestnyZnakToken: null,
};

const added = (legalEntityId: string, fields: LegalEntityFields): LegalEntityEvent => ({ type: 'LegalEntityAdded', data: { organisationId, legalEntityId, ...fields, addedAt: at } });
const updated = (legalEntityId: string, fields: LegalEntityFields): LegalEntityEvent => ({ type: 'LegalEntityUpdated', data: { organisationId, legalEntityId, ...fields, updatedAt: later } });
const deleted = (legalEntityId: string): LegalEntityEvent => ({ type: 'LegalEntityDeleted', data: { organisationId, legalEntityId, deletedAt: later } });

const add = (legalEntityId: string, fields: LegalEntityFields): LegalEntityCommand => ({ type: 'AddLegalEntity', organisationId, legalEntityId, fields, at });
const update = (legalEntityId: string, fields: LegalEntityFields, expectedVersion = 1, keepToken = false, changeTaxSystemForAll = false): LegalEntityCommand => {
  const { chestnyZnakToken, ...rest } = fields;
  return {
    type: 'UpdateLegalEntity',
    organisationId,
    legalEntityId,
    fields: rest,
    chestnyZnakToken: keepToken ? { keep: true } : { keep: false, value: chestnyZnakToken },
    expectedVersion,
    changeTaxSystemForAll,
    at: later,
  };
};
const remove = (legalEntityId: string, expectedVersion?: number, usedBySalesPoints: string[] = []): LegalEntityCommand => ({
  type: 'DeleteLegalEntity',
  organisationId,
  legalEntityId,
  expectedVersion,
  usedBySalesPoints,
  at: later,
});

describe('legal entity decider', () => {
  describe('adding', () => {
    it('adds the first legal entity, which sets the tax system', () => {
      spec.given([]).when(add(first, romashka)).then([added(first, romashka)]);
    });

    it('adds an ИП with the same tax system', () => {
      spec.given([added(first, romashka)]).when(add(second, ivanov)).then([added(second, ivanov)]);
    });

    it('rejects a second tax system for the organisation, naming the chosen one under taxSystem', () => {
      const error = spec.given([added(first, romashka)]).when(add(second, { ...ivanov, taxSystem: 'osn' })).thenThrows('RULE_VIOLATED');
      const message =
        'В организации уже выбрана система налогообложения «УСН доход»: приложение на кассе работает только с одной. Выберите её же или смените её в карточке любого из юридических лиц: она сменится у всех.';
      expect(error.message).toBe(message);
      expect(error.errors).toEqual([{ path: 'taxSystem', message }]);
    });

    it('allows another tax system once the legal entity that set it is deleted', () => {
      const other = { ...ivanov, taxSystem: 'osn' as const };
      spec.given([added(first, romashka), deleted(first)]).when(add(second, other)).then([added(second, other)]);
    });

    it('rejects an ИНН the organisation already has, under inn', () => {
      const error = spec.given([added(first, romashka)]).when(add(second, { ...romashka, name: 'ООО «Ромашка-2»' })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'inn', message: 'Юридическое лицо с ИНН 7707083893 уже есть в организации: «ООО «Ромашка»»' }]);
    });

    it('allows the ИНН of a deleted legal entity', () => {
      spec.given([added(first, romashka), deleted(first)]).when(add(second, romashka)).then([added(second, romashka)]);
    });

    it('does nothing when the same add is retried', () => {
      spec.given([added(first, romashka)]).when(add(first, romashka)).then([]);
    });
  });

  describe('updating', () => {
    it('records the full new values', () => {
      const renamed = { ...romashka, name: 'ООО «Ромашка плюс»' };
      spec.given([added(first, romashka)]).when(update(first, renamed)).then([updated(first, renamed)]);
    });

    it('keeps the stored token when the update leaves it out', () => {
      const renamed = { ...romashka, name: 'ООО «Ромашка плюс»', chestnyZnakToken: null };
      spec.given([added(first, romashka)]).when(update(first, renamed, 1, true)).then([updated(first, { ...renamed, chestnyZnakToken: token })]);
    });

    it('removes the token when the update sends null', () => {
      const withoutToken = { ...romashka, chestnyZnakToken: null };
      spec.given([added(first, romashka)]).when(update(first, withoutToken)).then([updated(first, withoutToken)]);
    });

    it('does nothing when nothing changed', () => {
      spec.given([added(first, romashka)]).when(update(first, romashka, 1, true)).then([]);
    });

    it('changes the tax system of the only legal entity', () => {
      const osn = { ...romashka, taxSystem: 'osn' as const };
      spec.given([added(first, romashka)]).when(update(first, osn)).then([updated(first, osn)]);
    });

    it('rejects changing the tax system while another legal entity has the current one, saying how to change it for all', () => {
      const error = spec.given([added(first, romashka), added(second, ivanov)]).when(update(first, { ...romashka, taxSystem: 'osn' })).thenThrows('RULE_VIOLATED');
      const message =
        'В организации уже выбрана система налогообложения «УСН доход»: приложение на кассе работает только с одной. Выберите её же или смените её у всех юридических лиц сразу.';
      expect(error.errors).toEqual([{ path: 'taxSystem', message }]);
    });

    it('changes the tax system of every legal entity at once when asked to, in one decision', () => {
      const osn = { ...romashka, taxSystem: 'osn' as const };
      const third = '44444444-4444-4444-8444-444444444444';
      const petrov = { ...ivanov, name: 'ИП Петров', inn: '784806113663', chestnyZnakToken: token };
      spec
        .given([added(first, romashka), added(second, ivanov), added(third, petrov), deleted(third)])
        .when(update(first, osn, 1, false, true))
        .then([updated(first, osn), updated(second, { ...ivanov, taxSystem: 'osn' })]);
    });

    it('rejects taking another legal entity’s ИНН', () => {
      const error = spec.given([added(first, romashka), added(second, ivanov)]).when(update(second, { ...ivanov, type: 'ooo', inn: romashka.inn, kpp: '773601001' })).thenThrows('RULE_VIOLATED');
      expect(error.errors?.[0]?.path).toBe('inn');
    });

    it('counts the version per legal entity: events about others do not make it stale', () => {
      const renamed = { ...romashka, name: 'ООО «Ромашка плюс»' };
      spec.given([added(first, romashka), added(second, ivanov), updated(second, { ...ivanov, name: 'ИП Иванов И. И.' })]).when(update(first, renamed, 1)).then([updated(first, renamed)]);
    });

    it('rejects a stale expected version', () => {
      const error = spec.given([added(first, romashka), updated(first, { ...romashka, name: 'ООО «Ромашка плюс»' })]).when(update(first, romashka, 1)).thenThrows('VERSION_CONFLICT');
      expect(error).toBeInstanceOf(DomainError);
    });

    it('rejects an unknown legal entity', () => {
      spec.given([]).when(update(first, romashka)).thenThrows('NOT_FOUND');
    });

    it('rejects a deleted legal entity', () => {
      spec.given([added(first, romashka), deleted(first)]).when(update(first, romashka, 2)).thenThrows('NOT_FOUND');
    });
  });

  describe('deleting', () => {
    it('deletes a legal entity no sales point uses', () => {
      spec.given([added(first, romashka)]).when(remove(first)).then([deleted(first)]);
    });

    it('deletes with the current expected version', () => {
      spec.given([added(first, romashka), updated(first, ivanov)]).when(remove(first, 2)).then([deleted(first)]);
    });

    it('rejects a stale expected version', () => {
      spec.given([added(first, romashka), updated(first, ivanov)]).when(remove(first, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('rejects deleting a legal entity sales points use, naming them', () => {
      const error = spec.given([added(first, romashka)]).when(remove(first, undefined, ['Магазин на Ленина', 'Склад'])).thenThrows('RULE_VIOLATED');
      expect(error.message).toContain('«Магазин на Ленина», «Склад»');
    });

    it('rejects an unknown or already deleted legal entity', () => {
      spec.given([]).when(remove(first)).thenThrows('NOT_FOUND');
      spec.given([added(first, romashka), deleted(first)]).when(remove(first)).thenThrows('NOT_FOUND');
    });
  });
});
