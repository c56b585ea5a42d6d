import { deciderSpec } from '@elk/testing';
import { ACTIVATION_CODE_MAX_TRIES, nextFreeNumber, workplaceDecider, type WorkplaceCommand, type WorkplaceEvent, type WorkplaceFields, type WorkplacesState } from './workplace.decider';

const spec = deciderSpec(workplaceDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const till1 = '21111111-1111-4111-8111-111111111111';
const till2 = '22222222-2222-4222-8222-222222222222';
const shop = '31111111-1111-4111-8111-111111111111';
const kiosk = '32222222-2222-4222-8222-222222222222';
const anna = '41111111-1111-4111-8111-111111111111';
const petr = '42222222-2222-4222-8222-222222222222';
const firstCode = '51111111-1111-4111-8111-111111111111';
const secondCode = '52222222-2222-4222-8222-222222222222';
const credential = '61111111-1111-4111-8111-111111111111';
const newCredential = '62222222-2222-4222-8222-222222222222';
const at = '2026-12-01T10:00:00.000Z';
const later = '2026-12-01T12:00:00.000Z';
const dayLater = '2026-12-02T10:00:00.000Z';
const device = { model: 'LIFE POS Mini', serial: 'LP0001', appName: 'LIFE POS', appVersion: '3.2.1', os: 'Android 11' };

const kassa1: WorkplaceFields = { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: anna };
const kassa2: WorkplaceFields = { name: 'Разъездная', number: 2, type: 'mobile', salesPointId: kiosk, employeeId: petr };
const found = { salesPointFound: true, employeeFound: true };

const added = (workplaceId: string, fields: WorkplaceFields, codeId = firstCode): WorkplaceEvent[] => [
  { type: 'WorkplaceAdded', data: { organisationId, workplaceId, ...fields, addedAt: at } },
  { type: 'WorkplaceActivationCodeIssued', data: { organisationId, workplaceId, codeId, employeeId: fields.employeeId, salesPointId: fields.salesPointId, issuedAt: at, expiresAt: dayLater } },
];
const activated = (workplaceId = till1, codeId = firstCode, credentialId = credential, replacedCredentialId: string | null = null): WorkplaceEvent => ({
  type: 'WorkplaceActivated',
  data: { organisationId, workplaceId, codeId, credentialId, replacedCredentialId, device, employeeId: anna, activatedAt: later },
});
const failed = (triesLeft: number): WorkplaceEvent => ({ type: 'WorkplaceActivationFailed', data: { organisationId, workplaceId: till1, codeId: firstCode, triesLeft, failedAt: later } });
const codeIssued = (codeId: string, employeeId = anna, salesPointId = shop): WorkplaceEvent => ({
  type: 'WorkplaceActivationCodeIssued',
  data: { organisationId, workplaceId: till1, codeId, employeeId, salesPointId, issuedAt: later, expiresAt: dayLater },
});
const deactivated = (credentialId = credential): WorkplaceEvent => ({ type: 'WorkplaceDeactivated', data: { organisationId, workplaceId: till1, credentialId, deactivatedAt: later } });

const add = (workplaceId: string, fields: WorkplaceFields, references = found): WorkplaceCommand => ({
  type: 'AddWorkplace',
  organisationId,
  workplaceId,
  fields,
  references,
  code: { codeId: firstCode, expiresAt: dayLater },
  at,
});
const update = (fields: WorkplaceFields, expectedVersion?: number): WorkplaceCommand => ({ type: 'UpdateWorkplace', organisationId, workplaceId: till1, fields, references: found, expectedVersion, at: later });
const activate = (when = later, codeId = firstCode, credentialId = credential): WorkplaceCommand => ({ type: 'Activate', organisationId, workplaceId: till1, codeId, credentialId, device, at: when });
const tryWrong = (when = later): WorkplaceCommand => ({ type: 'TryWrongCode', organisationId, workplaceId: till1, codeId: firstCode, at: when });
const issue = (codeId: string, employeeId = anna, salesPointId = shop): WorkplaceCommand => ({
  type: 'IssueActivationCode',
  organisationId,
  workplaceId: till1,
  employeeId,
  salesPointId,
  references: found,
  code: { codeId, expiresAt: dayLater },
  at: later,
});
const deactivate: WorkplaceCommand = { type: 'Deactivate', organisationId, workplaceId: till1, at: later };

const fold = (events: WorkplaceEvent[]): WorkplacesState => events.reduce(workplaceDecider.evolve, workplaceDecider.initialState);

describe('workplace decider', () => {
  describe('adding', () => {
    it('adds the workplace and sends its first activation code to the employee', () => {
      spec.given([]).when(add(till1, kassa1)).then(added(till1, kassa1));
    });

    it('takes a retried add as done', () => {
      spec.given(added(till1, kassa1)).when(add(till1, kassa1)).then([]);
    });

    it('refuses a number another workplace has, naming it and the next free number', () => {
      const error = spec.given(added(till1, kassa1)).when(add(till2, { ...kassa2, number: 1 })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'number', message: 'Номер 1 уже у рабочего места «Касса №1». Свободный номер: 2' }]);
    });

    it('gives the number of a deleted workplace to a new one', () => {
      const deleted: WorkplaceEvent = { type: 'WorkplaceDeleted', data: { organisationId, workplaceId: till1, credentialId: null, deletedAt: later } };
      spec.given([...added(till1, kassa1), deleted]).when(add(till2, { ...kassa2, number: 1 })).then(added(till2, { ...kassa2, number: 1 }));
    });

    it('names both the sales point and the employee when neither exists in the organisation', () => {
      const error = spec.given([]).when(add(till1, kassa1, { salesPointFound: false, employeeFound: false })).thenThrows('VALIDATION_FAILED');
      expect(error.errors?.map((fieldError) => fieldError.path)).toEqual(['salesPointId', 'employeeId']);
    });
  });

  describe('the next free number', () => {
    it('is the smallest number no live workplace has, and none when all 99 are taken', () => {
      expect(nextFreeNumber(fold([]))).toBe(1);
      expect(nextFreeNumber(fold([...added(till1, kassa1), ...added(till2, { ...kassa2, number: 3 })]))).toBe(2);
      const all = Array.from({ length: 99 }, (_, index) => added(`7${String(index).padStart(7, '0')}-1111-4111-8111-111111111111`, { ...kassa1, number: index + 1 })).flat();
      expect(nextFreeNumber(fold(all))).toBeNull();
    });
  });

  describe('editing and deleting', () => {
    it('records the new values, and nothing when nothing changed', () => {
      spec.given(added(till1, kassa1)).when(update({ ...kassa1, name: 'Касса у входа' })).then([
        { type: 'WorkplaceUpdated', data: { organisationId, workplaceId: till1, ...kassa1, name: 'Касса у входа', updatedAt: later } },
      ]);
      spec.given(added(till1, kassa1)).when(update(kassa1)).then([]);
    });

    it('refuses an edit made on a stale card (a code sent since to another employee changed the card)', () => {
      spec.given(added(till1, kassa1)).when(update({ ...kassa1, name: 'Касса у входа' }, 1)).then([
        { type: 'WorkplaceUpdated', data: { organisationId, workplaceId: till1, ...kassa1, name: 'Касса у входа', updatedAt: later } },
      ]);
      spec.given([...added(till1, kassa1), codeIssued(secondCode, petr)]).when(update(kassa1, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('deletes an activated workplace together with its terminal credential', () => {
      spec.given([...added(till1, kassa1), activated()]).when({ type: 'DeleteWorkplace', organisationId, workplaceId: till1, at: later }).then([
        { type: 'WorkplaceDeleted', data: { organisationId, workplaceId: till1, credentialId: credential, deletedAt: later } },
      ]);
    });

    it('answers «not found» for a workplace the organisation does not have', () => {
      spec.given([]).when({ type: 'DeleteWorkplace', organisationId, workplaceId: till1, at: later }).thenThrows('NOT_FOUND');
    });
  });

  describe('activation', () => {
    it('activates with the current code, recording the device and the employee the code went to', () => {
      spec.given(added(till1, kassa1)).when(activate()).then([activated()]);
    });

    it('counts wrong tries down and refuses the code after the fifth, even with the right secret', () => {
      spec.given(added(till1, kassa1)).when(tryWrong()).then([failed(ACTIVATION_CODE_MAX_TRIES - 1)]);
      const fiveWrong = [4, 3, 2, 1, 0].map(failed);
      const error = spec.given([...added(till1, kassa1), ...fiveWrong]).when(activate()).thenThrows('ACTIVATION_CODE_EXHAUSTED');
      expect(error.message).toContain('Попытки закончились');
    });

    it('refuses a code 24 hours after it was sent', () => {
      spec.given(added(till1, kassa1)).when(activate(dayLater)).thenThrows('ACTIVATION_CODE_EXPIRED');
    });

    it('uses a code once', () => {
      spec.given([...added(till1, kassa1), activated()]).when(activate(later, firstCode, newCredential)).thenThrows('ACTIVATION_CODE_INVALID');
    });

    it('voids the previous code when a new one is sent, and binds the workplace to the new sales point and employee', () => {
      spec.given([...added(till1, kassa1), codeIssued(secondCode, petr, kiosk)]).when(activate()).thenThrows('ACTIVATION_CODE_INVALID');
      const state = fold([...added(till1, kassa1), codeIssued(secondCode, petr, kiosk)]);
      expect(state.workplaces[till1]).toMatchObject({ employeeId: petr, salesPointId: kiosk, version: 2 });
    });

    it('replaces the credential of the device activated before when activated again with a new code', () => {
      spec.given([...added(till1, kassa1), activated(), codeIssued(secondCode)]).when(activate(later, secondCode, newCredential)).then([activated(till1, secondCode, newCredential, credential)]);
    });
  });

  describe('deactivation', () => {
    it('kills the terminal credential at once, and a new code may be requested after', () => {
      spec.given([...added(till1, kassa1), activated()]).when(deactivate).then([deactivated()]);
      spec.given([...added(till1, kassa1), activated(), deactivated()]).when(issue(secondCode)).then([codeIssued(secondCode)]);
    });

    it('refuses to deactivate a workplace that is not active', () => {
      expect(spec.given(added(till1, kassa1)).when(deactivate).thenThrows('RULE_VIOLATED').message).toBe('Рабочее место ещё не активировано');
      expect(spec.given([...added(till1, kassa1), activated(), deactivated()]).when(deactivate).thenThrows('RULE_VIOLATED').message).toBe('Рабочее место уже деактивировано');
    });
  });
});
