import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { IdentitySubjects, OrganisationSubjects, actorHeaders, type LoginResult, type OrganisationView } from '@elk/contracts';
import { startEmbeddedServices } from '../run/embedded';
import { runOpsCommand } from './ops-command.harness';

describe('ops: create-organisation (embedded)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'elk-ops-create-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const create = (fields: Record<string, string>, env: Record<string, string> = {}) =>
    runOpsCommand('create-organisation', ['--embedded', '--data-dir', dataDir, ...Object.entries(fields).flatMap(([flag, value]) => [`--${flag}`, value])], env);

  it('creates an organisation whose Owner logs in with the password printed once, and refuses the phone a second time', async () => {
    const created = await create({ name: 'ООО «Ромашка»', 'owner-name': 'Иванов Иван Иванович', phone: '8 (912) 000-11-22', email: 'Owner@Example.ru' });

    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[0-9a-f-]{36}\n$/) });
    const organisationId = created.stdout.trim();
    const password = /Пароль владельца \(показан один раз, сохраните его\): (\S+)/.exec(created.stderr)?.[1];
    expect(password).toBeDefined();

    const again = await create({ name: 'ООО «Другая»', 'owner-name': 'Петров Пётр', phone: '+79120001122', email: 'other@example.ru' }, { ELK_OWNER_PASSWORD: 'Пароль-надёжный-1' });
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toContain('--phone: Этот телефон уже зарегистрирован');

    const services = await startEmbeddedServices(dataDir, pino({ level: 'silent' }));
    try {
      const { bus } = services.infrastructure;
      const session = await bus.request<LoginResult>(IdentitySubjects.Login, { login: 'owner@example.ru', password });
      expect(session.organisationId).toBe(organisationId);
      const headers = actorHeaders({ organisationId, accountId: session.accountId, role: 'owner' }, randomUUID());
      expect(await bus.request<OrganisationView>(OrganisationSubjects.GetOrganisation, { organisationId }, { headers })).toMatchObject({
        name: 'ООО «Ромашка»',
        ownerAccountId: session.accountId,
      });
    } finally {
      await services.close();
    }
  }, 90_000);

  it('refuses bad input field by field, in Russian, before touching the data', async () => {
    const untouched = join(dataDir, 'untouched');
    const refused = await runOpsCommand(
      'create-organisation',
      ['--embedded', '--data-dir', untouched, '--owner-name', 'Иванов 2', '--phone', '12345', '--email', 'not-an-email'],
      { ELK_OWNER_PASSWORD: 'short' },
    );

    expect(refused).toMatchObject({ code: 2, stdout: '' });
    for (const line of [
      '--name: Обязательное поле',
      '--owner-name: Только буквы, пробелы, дефис и апостроф',
      '--phone: Введите мобильный номер в формате +7 9XX XXX-XX-XX',
      '--email: Введите адрес электронной почты, например ivan@example.ru',
      'ELK_OWNER_PASSWORD: Не менее 8 символов',
    ]) {
      expect(refused.stderr).toContain(line);
    }
    expect(existsSync(untouched)).toBe(false);

    const unknownOption = await runOpsCommand('create-organisation', ['--colour', 'red']);
    expect(unknownOption).toMatchObject({ code: 2, stderr: expect.stringContaining('Неизвестный параметр --colour') });
  }, 30_000);
});
