import { randomUUID } from 'node:crypto';
import { OrganisationSubjects, type History, type LegalEntityList, type LegalEntityView } from '@elk/contracts';
import { failureOf } from '@elk/testing';
import { legalEntitiesStreamId } from '../src';
import { ivanov, organisationTestbed, romashka } from './organisation.testbed';

const TOKEN = 'secret-chestny-znak-token-value-3f9a';

describe.each(['embedded', 'distributed'] as const)('legal entities in the organisation service (%s)', (mode) => {
  const testbed = organisationTestbed(mode, 'org_legal_entities_test');

  function actor() {
    const { organisationId, accountId, request } = testbed.actor();
    return {
      organisationId,
      accountId,
      add: (entity: object, legalEntityId = randomUUID()) => request<LegalEntityView>(OrganisationSubjects.AddLegalEntity, { legalEntityId, entity }),
      update: (legalEntityId: string, entity: object) => request<LegalEntityView>(OrganisationSubjects.UpdateLegalEntity, { legalEntityId, entity }),
      remove: (legalEntityId: string, expectedVersion?: number) => request<null>(OrganisationSubjects.DeleteLegalEntity, { legalEntityId, expectedVersion }),
      list: (query: object = {}) => request<LegalEntityList>(OrganisationSubjects.GetLegalEntityList, query),
      get: (legalEntityId: string) => request<LegalEntityView>(OrganisationSubjects.GetLegalEntity, { legalEntityId }),
      history: (legalEntityId: string) => request<History>(OrganisationSubjects.GetLegalEntityHistory, { legalEntityId }),
    };
  }

  it('adds, lists, searches, updates and deletes, the token stored only encrypted', async () => {
    const owner = actor();
    const company = await owner.add({ ...romashka, chestnyZnakToken: TOKEN });
    expect(company).toMatchObject({ ...romashka, version: 1, chestnyZnakToken: '••••••3f9a' });
    const entrepreneur = await owner.add(ivanov);
    expect(entrepreneur).toMatchObject({ kpp: null, chestnyZnakToken: null });

    const all = await owner.list();
    expect(all.items.map((item) => item.name)).toEqual(['ИП Иванов', 'ООО «Ромашка»']);
    expect(all.total).toBe(2);
    expect((await owner.list({ search: '770708' })).items.map((item) => item.id)).toEqual([company.id]);
    expect(await owner.get(company.id)).toEqual(company);

    const renamed = await owner.update(company.id, { ...romashka, name: 'ООО «Ромашка плюс»', expectedVersion: 1 });
    expect(renamed).toMatchObject({ name: 'ООО «Ромашка плюс»', version: 2, chestnyZnakToken: '••••••3f9a' });
    const stale = await failureOf(owner.update(company.id, { ...romashka, expectedVersion: 1 }));
    expect(stale.code).toBe('VERSION_CONFLICT');

    const history = await owner.history(company.id);
    expect(history.items.map((entry) => entry.action)).toEqual(['created', 'updated']);
    expect(history.items[1]).toMatchObject({ actor: { accountId: owner.accountId, fullName: 'Иванов Иван Иванович' }, changes: [{ field: 'name', from: 'ООО «Ромашка»', to: 'ООО «Ромашка плюс»' }] });
    expect(history.items[0]?.changes).toContainEqual({ field: 'chestnyZnakToken', from: null, to: 'изменён' });

    await owner.remove(company.id, 2);
    expect((await failureOf(owner.get(company.id))).code).toBe('NOT_FOUND');
    expect((await owner.list()).items.map((item) => item.id)).toEqual([entrepreneur.id]);

    const { events } = await testbed.infrastructure.eventStore.readStream(legalEntitiesStreamId(owner.organisationId));
    expect(events.map((event) => event.type)).toEqual(['LegalEntityAdded', 'LegalEntityAdded', 'LegalEntityUpdated', 'LegalEntityDeleted']);
    expect(JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).not.toContain(TOKEN);
    expect(JSON.stringify(history)).not.toContain(TOKEN);
  });

  it('says in the history that the token was set or removed, never what it is', async () => {
    const owner = actor();
    const entrepreneur = await owner.add(ivanov);
    await owner.update(entrepreneur.id, { ...ivanov, chestnyZnakToken: TOKEN, expectedVersion: 1 });
    await owner.update(entrepreneur.id, { ...ivanov, chestnyZnakToken: null, expectedVersion: 2 });

    const history = await owner.history(entrepreneur.id);
    expect(history.items.map((entry) => entry.changes.filter((change) => change.field === 'chestnyZnakToken'))).toEqual([
      [],
      [{ field: 'chestnyZnakToken', from: null, to: 'изменён' }],
      [{ field: 'chestnyZnakToken', from: null, to: 'удалён' }],
    ]);
    const { events } = await testbed.infrastructure.eventStore.readStream(legalEntitiesStreamId(owner.organisationId));
    const sealed = (events[1]?.data as { chestnyZnakToken: { ciphertext: string } }).chestnyZnakToken.ciphertext;
    expect(JSON.stringify(history)).not.toContain(sealed);
  });

  it('refuses a second tax system and a repeated ИНН with field errors', async () => {
    const owner = actor();
    await owner.add(romashka);
    const taxSystem = await failureOf(owner.add({ ...ivanov, taxSystem: 'osn' }));
    expect(taxSystem.code).toBe('RULE_VIOLATED');
    expect(taxSystem.details).toMatchObject({ errors: [{ path: 'taxSystem', message: expect.stringContaining('«УСН доход»') }] });
    const inn = await failureOf(owner.add({ ...romashka, name: 'Другое' }));
    expect(inn.code).toBe('RULE_VIOLATED');
    expect(inn.details).toMatchObject({ errors: [{ path: 'inn' }] });
    expect((await owner.list()).total).toBe(1);
  });

  it('shows another organisation nothing', async () => {
    const owner = actor();
    const stranger = actor();
    const company = await owner.add(romashka);
    for (const attempt of [
      stranger.get(company.id),
      stranger.update(company.id, { ...romashka, expectedVersion: 1 }),
      stranger.remove(company.id),
      stranger.history(company.id),
    ]) {
      expect((await failureOf(attempt)).code).toBe('NOT_FOUND');
    }
    expect((await stranger.list()).items).toEqual([]);
  });

  it('refuses bad input at the bus edge with per-field errors', async () => {
    const owner = actor();
    const error = await failureOf(owner.add({ ...romashka, inn: '7707083894' }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ errors: [{ path: 'entity.inn', message: 'Неверный ИНН: не сходится контрольное число' }] });
  });
});
