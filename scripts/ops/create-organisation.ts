/**
 * Creates an organisation and its Owner account, through the organisation service's SignUp:
 *
 *   npm run ops:create-organisation -- --name "ООО «Ромашка»" --owner-name "Иванов Иван Иванович" \
 *     --phone "+7 912 345-67-89" --email owner@example.ru [--embedded [--data-dir ./data]]
 *
 * Distributed by default: the running services, over NATS at NATS_URL. With --embedded it boots the services on
 * the embedded data directory itself, so embedded ELK must be stopped (PGlite belongs to one process). The
 * Owner's password is ELK_OWNER_PASSWORD, or a generated one printed once. The organisation id goes to stdout,
 * everything else to stderr; exit code 2 on bad input, 1 on any other failure.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { DomainError, OrganisationSubjects, SignUp, fieldErrorsOf, password, type FieldError } from '@elk/contracts';
import { BusNoRespondersError, RemoteError, createMessageBus, type MessageBus } from '@elk/messaging';
import type { SignUpResult } from '@elk/organisation';
import { startEmbeddedServices } from '../run/embedded';
import { CommandFailure, TARGET_OPTIONS, opsLogger, parseCommandLine, runCommand, targetOf, type Target } from './ops-command';

const USAGE =
  'Использование: create-organisation --name <название> --owner-name <ФИО> --phone <телефон> --email <email> [--embedded [--data-dir <каталог>]]\n' +
  'Пароль владельца — из ELK_OWNER_PASSWORD; без неё он создаётся и печатается один раз.';

/** Where each SignUp field came from, to name it in an error. */
const SOURCE_OF_FIELD: Record<string, string> = {
  organisationName: '--name',
  fullName: '--owner-name',
  phone: '--phone',
  email: '--email',
  password: 'ELK_OWNER_PASSWORD',
};

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters without look-alikes (l, 1, O, 0), drawn until the password policy accepts them. */
function generatePassword(): string {
  for (;;) {
    const candidate = Array.from({ length: 16 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
    if (password.safeParse(candidate).success) return candidate;
  }
}

function fieldLines(errors: readonly FieldError[]): string[] {
  return errors.map((error) => `  ${SOURCE_OF_FIELD[error.path] ?? error.path}: ${error.message}`);
}

/** Runs `send` on the bus of the target: NATS, or the in-process bus of services booted here on the data directory. */
async function withBus<R>(target: Target, send: (bus: MessageBus) => Promise<R>): Promise<R> {
  if (target.mode === 'embedded') {
    const services = await startEmbeddedServices(target.dataDir, opsLogger());
    try {
      return await send(services.infrastructure.bus);
    } finally {
      await services.close();
    }
  }
  const bus = await createMessageBus({ kind: 'nats', url: target.natsUrl, namespace: target.natsNamespace, name: 'elk-ops' });
  try {
    return await send(bus);
  } finally {
    await bus.close();
  }
}

/** The service's refusal, worded for the operator: bad or taken fields are bad input (2), the rest failures (1). */
function refusal(error: unknown, target: Target): CommandFailure {
  if (error instanceof BusNoRespondersError) {
    return new CommandFailure(1, `Сервис организаций не отвечает${target.mode === 'distributed' ? ` (NATS ${target.natsUrl})` : ''}: запущен ли ELK?`);
  }
  if (!(error instanceof RemoteError || error instanceof DomainError)) return new CommandFailure(1, `Не удалось создать организацию: ${(error as Error).message}`);
  const errors = (error instanceof RemoteError ? (error.details as { errors?: FieldError[] } | undefined)?.errors : error.errors) ?? [];
  return new CommandFailure(errors.length > 0 ? 2 : 1, error.message, ...fieldLines(errors));
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    {
      options: {
        name: { type: 'string' },
        'owner-name': { type: 'string' },
        phone: { type: 'string' },
        email: { type: 'string' },
        ...TARGET_OPTIONS,
      },
    },
    USAGE,
  );
  const generatedPassword = process.env.ELK_OWNER_PASSWORD === undefined ? generatePassword() : undefined;
  const parsed = SignUp.safeParse({
    organisationId: randomUUID(),
    accountId: randomUUID(),
    organisationName: values.name,
    fullName: values['owner-name'],
    phone: values.phone,
    email: values.email,
    password: process.env.ELK_OWNER_PASSWORD ?? generatedPassword,
  });
  if (!parsed.success) throw new CommandFailure(2, 'Проверьте данные:', ...fieldLines(fieldErrorsOf(parsed.error)), USAGE);
  const command = parsed.data;
  const target = targetOf(values, { mustExist: false });

  const result = await withBus(target, (bus) => bus.request<SignUpResult>(OrganisationSubjects.SignUp, command, { timeoutMs: 30_000 })).catch((error: unknown) => {
    throw refusal(error, target);
  });

  console.error(`Организация «${command.organisationName}» создана. Владелец ${command.fullName} входит по телефону ${command.phone} или email ${command.email}.`);
  if (generatedPassword) console.error(`Пароль владельца (показан один раз, сохраните его): ${generatedPassword}`);
  console.log(result.organisationId);
}

runCommand(main);
