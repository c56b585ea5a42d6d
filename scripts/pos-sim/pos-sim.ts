/**
 * A simulated POS terminal on the command line:
 *
 *   npm run pos-sim -- --code XXXX-XXXX [--url http://localhost:3000] [--serial <заводской номер>] [--protobuf] [--sync]
 *
 * Activates with the code from the SMS (Настройки → Рабочие места sends it), then reads the terminal's settings,
 * and prints what a terminal would show; `--sync` also syncs the catalog from empty and prints what it holds. A device is a new one each run unless `--serial` names it: the same device
 * activating again with the same code (its answer was lost) gets the same credential. The device credential goes to stdout (to reuse it:
 * `--credential elkd.…` instead of `--code`), everything else to stderr; exit code 2 on bad input, 1 when ELK refuses.
 */
import { PAYMENT_METHOD_LABELS_RU, ROLE_LABELS_RU, TAX_SYSTEM_LABELS_RU, type Role } from '@elk/contracts';
import { CommandFailure, parseCommandLine, runCommand } from '../ops/ops-command';
import { PosTerminal, TerminalRequestError, simulatedDevice } from './pos-terminal';

const USAGE = 'Использование: pos-sim (--code <код активации> | --credential <учётные данные>) [--url <адрес ELK>] [--serial <заводской номер>] [--protobuf] [--sync]';

runCommand(async () => {
  const { values } = parseCommandLine(
    { options: { code: { type: 'string' }, credential: { type: 'string' }, url: { type: 'string', default: 'http://localhost:3000' }, serial: { type: 'string' }, protobuf: { type: 'boolean' }, sync: { type: 'boolean' } } },
    USAGE,
  );
  if (!values.code === !values.credential) throw new CommandFailure(2, 'Укажите --code или --credential', USAGE);
  const terminal = new PosTerminal(values.url.replace(/\/$/, ''), { device: simulatedDevice(values.serial), format: values.protobuf ? 'protobuf' : 'json' });
  try {
    if (values.code) {
      const activation = await terminal.activate(values.code);
      console.error(`Терминал активирован: рабочее место ${activation.workplaceId}`);
      console.log(activation.credential);
    } else {
      terminal.useCredential(values.credential!);
    }
    const { settings } = (await terminal.settings())!;
    const { organisation, legalEntity, salesPoint, workplace } = settings;
    console.error(`Организация: ${organisation.name}`);
    console.error(`Продавец: ${legalEntity.name}, ИНН ${legalEntity.inn}${legalEntity.kpp ? `, КПП ${legalEntity.kpp}` : ''}, ${TAX_SYSTEM_LABELS_RU[legalEntity.taxSystem]}`);
    console.error(`Торговая точка: ${salesPoint.name}, ${salesPoint.address}`);
    console.error(`Рабочее место: №${workplace.number} «${workplace.name}»`);
    for (const [role, methods] of Object.entries(salesPoint.paymentMethods) as Array<[Role, string[]]>) {
      const labels = methods.map((method) => PAYMENT_METHOD_LABELS_RU[method as keyof typeof PAYMENT_METHOD_LABELS_RU]);
      console.error(`  ${ROLE_LABELS_RU[role]}: ${labels.length > 0 ? labels.join(', ') : 'продаж не проводит'}`);
    }
    if (values.sync) {
      const started = performance.now();
      const sync = await terminal.syncCatalog();
      const { units, categories, products } = terminal.catalog;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.error(`Каталог: единиц измерения ${units.size}, категорий ${categories.size}, товаров ${products.size} (страниц ${sync.pages}, удалённых ${sync.deleted}, ${seconds} с)`);
    }
  } catch (error) {
    if (error instanceof TypeError) throw new CommandFailure(1, `Нет связи с ELK по адресу ${values.url}: ${error.cause instanceof Error ? error.cause.message : error.message}`);
    if (error instanceof TerminalRequestError) throw new CommandFailure(1, `ELK ответил ${error.status}: ${error.problem?.detail ?? ''}`, ...(error.problem?.errors ?? []).map((field) => `  ${field.path}: ${field.message}`));
    throw error;
  }
});
