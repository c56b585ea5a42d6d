/**
 * A simulated POS terminal on the command line:
 *
 *   npm run pos-sim -- --code XXXX-XXXX [--url http://localhost:3000] [--serial <заводской номер>] [--equipment] [--sync] [--protobuf]
 *                      [--employee <телефон или id> --pin <PIN-код> [--sales N [--batch K] [--duplicates]]]
 *
 * Activates with the code from the SMS (Настройки → Рабочие места sends it), then reads the terminal's settings,
 * and prints what a terminal would show. With `--employee` and `--pin` a cashier then logs in with the PIN-code from
 * their SMS, and the simulator prints who is logged in and what they may take. `--equipment` also reports a simulated
 * fiscal register (АТОЛ 30Ф) and bank terminal (Ingenico), the same ones for the same `--serial` (or credential), so
 * they appear in POS оборудование; `--sync` syncs the catalog from empty and prints what it holds. A device is a new one each run unless `--serial` names it: the same device
 * activating again with the same code (its answer was lost) gets the same credential. `--sales N` makes N realistic
 * sales (from the synced catalog with `--sync`) and pushes their events in batches of K (50), each batch tried again
 * until answered; `--duplicates` sends every batch twice, as a terminal that lost the answer would, and the second time
 * every event must come back a duplicate. The device credential goes to stdout (to reuse it:
 * `--credential elkd.…` instead of `--code`), everything else to stderr; exit code 2 on bad input, 1 when ELK refuses.
 */
import { MAX_PUSHED_SALE_EVENTS, PAYMENT_METHOD_LABELS_RU, ROLE_LABELS_RU, type PushOutcome, TAX_SYSTEM_LABELS_RU, type EquipmentChange, type EquipmentReportOutcome, type PaymentMethod, type Role } from '@elk/contracts';
import { CommandFailure, parseCommandLine, runCommand } from '../ops/ops-command';
import { PosTerminal, TerminalRequestError, simulatedBankTerminal, simulatedDevice, simulatedFiscalRegister } from './pos-terminal';
import { SaleGenerator } from './sale-generator';

const USAGE =
  'Использование: pos-sim (--code <код активации> | --credential <учётные данные>) [--url <адрес ELK>] [--serial <заводской номер>] [--equipment] [--sync] [--protobuf] [--employee <телефон или id сотрудника> --pin <PIN-код> [--sales <число продаж> [--batch <событий в пакете>] [--duplicates]]]';

const CHANGE_LABELS: Record<EquipmentChange, string> = { reported: 'записано впервые', moved: 'перенесено на это рабочее место', updated: 'данные обновлены' };
const recorded = (outcome: EquipmentReportOutcome | null) => (outcome && outcome.changes.length > 0 ? outcome.changes.map((change) => CHANGE_LABELS[change]).join(', ') : 'без изменений');

runCommand(async () => {
  const { values } = parseCommandLine(
    {
      options: {
        code: { type: 'string' },
        credential: { type: 'string' },
        url: { type: 'string', default: 'http://localhost:3000' },
        serial: { type: 'string' },
        equipment: { type: 'boolean' },
        sync: { type: 'boolean' },
        protobuf: { type: 'boolean' },
        employee: { type: 'string' },
        pin: { type: 'string' },
        sales: { type: 'string' },
        batch: { type: 'string', default: '50' },
        duplicates: { type: 'boolean' },
      },
    },
    USAGE,
  );
  if (!values.code === !values.credential) throw new CommandFailure(2, 'Укажите --code или --credential', USAGE);
  if (!values.employee !== !values.pin) throw new CommandFailure(2, 'Для входа кассира укажите и --employee, и --pin', USAGE);
  const sales = values.sales === undefined ? 0 : Number(values.sales);
  const batch = Number(values.batch);
  if (!Number.isInteger(sales) || sales < 0 || sales > 100_000) throw new CommandFailure(2, '--sales — число продаж от 1 до 100000', USAGE);
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_PUSHED_SALE_EVENTS) throw new CommandFailure(2, `--batch — от 1 до ${MAX_PUSHED_SALE_EVENTS} событий`, USAGE);
  if (sales > 0 && !values.employee) throw new CommandFailure(2, 'Продажи проводит кассир: укажите --employee и --pin', USAGE);
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
    for (const [role, methods] of Object.entries(salesPoint.paymentMethods) as Array<[Role, PaymentMethod[]]>) console.error(`  ${ROLE_LABELS_RU[role]}: ${paymentMethodsText(methods)}`);
    let paymentMethods: readonly string[] = [];
    if (values.employee && values.pin) {
      const session = await terminal.logIn(values.employee, values.pin);
      paymentMethods = session.paymentMethods;
      console.error(`Вошёл: ${session.employee.name} (${ROLE_LABELS_RU[session.role]}), смена до ${new Date(session.expiresAt).toLocaleString('ru-RU')}`);
      console.error(`  ${session.canSell ? `Принимает: ${paymentMethodsText(session.paymentMethods)}` : 'Продажи не проводит (гость)'}`);
    }
    if (values.equipment) {
      const seed = values.serial ?? values.credential ?? terminal.device.serial;
      const fiscalRegister = simulatedFiscalRegister(seed);
      const bankTerminal = simulatedBankTerminal(seed);
      const outcome = await terminal.reportEquipment({ fiscalRegister, bankTerminal });
      console.error(`Фискальный регистратор: ${fiscalRegister.model}, заводской № ${fiscalRegister.serialNumber}, ФН ${fiscalRegister.fnNumber} — ${recorded(outcome.fiscalRegister)}`);
      console.error(`Банковский терминал: ${bankTerminal.model}, TID ${bankTerminal.tid}, MID ${bankTerminal.mid} — ${recorded(outcome.bankTerminal)}`);
    }
    if (values.sync) {
      const started = performance.now();
      const sync = await terminal.syncCatalog();
      const { units, categories, products } = terminal.catalog;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.error(`Каталог: единиц измерения ${units.size}, категорий ${categories.size}, товаров ${products.size} (страниц ${sync.pages}, удалённых ${sync.deleted}, ${seconds} с)`);
    }
    if (sales > 0) await pushSales(terminal, { sales, batch, duplicates: values.duplicates === true, paymentMethods, equipmentSeed: values.serial ?? values.credential ?? terminal.device.serial });
  } catch (error) {
    if (error instanceof TypeError) throw new CommandFailure(1, `Нет связи с ELK по адресу ${values.url}: ${error.cause instanceof Error ? error.cause.message : error.message}`);
    if (error instanceof TerminalRequestError) throw new CommandFailure(1, `ELK ответил ${error.status}: ${error.problem?.detail ?? ''}`, ...(error.problem?.errors ?? []).map((field) => `  ${field.path}: ${field.message}`));
    throw error;
  }
});

function paymentMethodsText(methods: readonly PaymentMethod[]): string {
  return methods.length > 0 ? methods.map((method) => PAYMENT_METHOD_LABELS_RU[method]).join(', ') : 'продаж не проводит';
}

/** Makes `sales` sales from now back (a minute or so apart) and pushes their events in batches, each batch until answered. */
async function pushSales(terminal: PosTerminal, { sales, batch, duplicates, paymentMethods, equipmentSeed }: { sales: number; batch: number; duplicates: boolean; paymentMethods: readonly string[]; equipmentSeed: string }): Promise<void> {
  const generator = new SaleGenerator({ bankTerminal: simulatedBankTerminal(equipmentSeed), fnNumber: simulatedFiscalRegister(equipmentSeed).fnNumber, paymentMethods });
  generator.useCatalog(terminal.catalog.products.values(), terminal.catalog.units);
  const started = Date.now() - sales * 60_000;
  const events = Array.from({ length: sales }, (_, index) => generator.sale(new Date(started + index * 60_000))).flat();
  const counts: Record<PushOutcome, number> = { accepted: 0, duplicate: 0, rejected: 0 };
  const began = performance.now();
  for (let from = 0; from < events.length; from += batch) {
    const slice = events.slice(from, from + batch);
    for (const round of duplicates ? [1, 2] : [1]) {
      const { results } = await terminal.pushSalesUntilAnswered(slice);
      for (const result of results) {
        counts[result.outcome]++;
        if (result.outcome === 'rejected') console.error(`  отклонено ${result.eventId}: ${result.reason}`);
        if (round === 2 && result.outcome === 'accepted') throw new CommandFailure(1, `Повтор пакета записал событие ${result.eventId} второй раз`);
      }
    }
  }
  const seconds = (performance.now() - began) / 1000;
  console.error(`Продаж: ${sales}, событий: ${events.length} — принято ${counts.accepted}, повторов ${counts.duplicate}, отклонено ${counts.rejected} (${seconds.toFixed(1)} с, ${Math.round(events.length / seconds)} событий/с)`);
}
