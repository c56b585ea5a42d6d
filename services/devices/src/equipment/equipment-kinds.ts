import { createHash } from 'node:crypto';
import { type BankTerminalDetails, type EquipmentChange, type EquipmentPlace, type FiscalRegisterDetails } from '@elk/contracts';
import { defineCollection, documentProjection, type CollectionDefinition, type Projection } from '@elk/documents';
import { parseEvent, type Decider } from '@elk/service-kit';
import { bankTerminalDecider, fiscalRegisterDecider, type EquipmentEvent, type EquipmentState, type ReportDevice } from './equipment.decider';

/** A device as the list shows it: its details, where it stands (names as last reported), when first reported and last changed. */
export type EquipmentDocument<D> = D &
  EquipmentPlace & {
    organisationId: string;
    id: string;
    firstReportedAt: string;
    updatedAt: string;
  };

export type AnyEquipmentEvent<D> = EquipmentEvent<D, string, string, string>;

/** Everything the handlers need to know of one kind of device: its decider, streams, read model and words. */
export interface EquipmentKind<D extends object> {
  name: 'fiscal-register' | 'bank-terminal';
  decider: Decider<ReportDevice<D>, AnyEquipmentEvent<D>, EquipmentState<D>>;
  /** The field that identifies the device in the organisation: заводской номер ККТ, TID. */
  key: keyof D & string;
  detailFields: ReadonlyArray<keyof D & string>;
  collection: CollectionDefinition<EquipmentDocument<D>>;
  projection: Projection;
  notFound: string;
}

/**
 * The device's id: a name-based UUID (version 5) of its key in the organisation, so that every report of one register
 * or bank terminal lands on one stream however many terminals report it at once.
 */
export function deviceIdOf<D extends object>(kind: EquipmentKind<D>, organisationId: string, details: D): string {
  const hash = createHash('sha1').update(Buffer.from(organisationId.replace(/-/g, ''), 'hex')).update(`${kind.name}:${String(details[kind.key])}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function streamIdOf(kind: Pick<EquipmentKind<object>, 'name'>, organisationId: string, deviceId: string): string {
  return `${kind.name}-${organisationId}-${deviceId}`;
}

/** What an event recorded (the report's answer, and the action in «История изменений»). */
export function changeOf(event: { type: string }): EquipmentChange {
  if (event.type.endsWith('Reported')) return 'reported';
  return event.type.endsWith('Moved') ? 'moved' : 'updated';
}

function equipmentKind<D extends object>(
  definition: Omit<EquipmentKind<D>, 'collection' | 'projection'> & { collectionName: string; searchFields: ReadonlyArray<keyof D & string> },
): EquipmentKind<D> {
  const { collectionName, searchFields, ...kind } = definition;
  const collection = defineCollection<EquipmentDocument<D>>(collectionName, {
    indexes: [{ fields: ['organisationId', kind.key] }],
    searchFields: [...searchFields],
  });
  const projection = documentProjection<EquipmentDocument<D>>({
    name: `${collectionName}.v1`,
    collection,
    handles: Object.keys(kind.decider.events),
    documentId: (event) => (event.data as { deviceId: string }).deviceId,
    evolve(document, recorded) {
      const event = parseEvent(kind.decider.events, recorded) as AnyEquipmentEvent<D>;
      const { organisationId, deviceId } = event.data;
      if ('reportedAt' in event.data) {
        const { details, place, reportedAt } = event.data;
        return { ...details, ...place, organisationId, id: deviceId, firstReportedAt: reportedAt, updatedAt: reportedAt };
      }
      if (!document) return null;
      if ('movedAt' in event.data) return { ...document, ...event.data.to, updatedAt: event.data.movedAt };
      return { ...document, ...event.data.details, updatedAt: event.data.updatedAt };
    },
  });
  return { ...kind, collection, projection };
}

export const FISCAL_REGISTERS = equipmentKind<FiscalRegisterDetails>({
  name: 'fiscal-register',
  decider: fiscalRegisterDecider as EquipmentKind<FiscalRegisterDetails>['decider'],
  key: 'serialNumber',
  detailFields: ['model', 'firmwareVersion', 'serialNumber', 'ffdVersion', 'registrationNumber', 'fnNumber'],
  collectionName: 'devices.fiscal-registers',
  searchFields: ['serialNumber', 'registrationNumber', 'model', 'fnNumber'],
  notFound: 'Фискальный регистратор не найден',
});

export const BANK_TERMINALS = equipmentKind<BankTerminalDetails>({
  name: 'bank-terminal',
  decider: bankTerminalDecider as EquipmentKind<BankTerminalDetails>['decider'],
  key: 'tid',
  detailFields: ['model', 'tid', 'mid'],
  collectionName: 'devices.bank-terminals',
  searchFields: ['tid', 'mid', 'model'],
  notFound: 'Банковский терминал не найден',
});
