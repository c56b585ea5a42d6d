import { BankTerminalEvents, FiscalRegisterEvents, type BankTerminalDetails, type EquipmentChange, type EquipmentPlace, type FiscalRegisterDetails } from '@elk/contracts';
import type { Decider, EventSchemas } from '@elk/service-kit';

/**
 * Fiscal registers and bank terminals: one stream per device, each a decider made by `equipmentDecider`. A terminal
 * reports the device with what it says about itself and where the terminal stands: the first report records it,
 * a report from another workplace (or its workplace at another sales point) records the move, new details (firmware,
 * ФН, MID …) are recorded as such, and the same report again records nothing.
 */

/** A terminal's report of one device: `place` is the terminal's workplace and sales point. */
export interface ReportDevice<D> {
  type: 'ReportDevice';
  organisationId: string;
  deviceId: string;
  details: D;
  place: EquipmentPlace;
  at: string;
}

export interface EquipmentRecord<D> {
  details: D;
  place: EquipmentPlace;
}

/** The device as last reported; null before its first report. */
export interface EquipmentState<D> {
  device: EquipmentRecord<D> | null;
}

/** The event types of one kind of device, named after it (`FiscalRegisterReported` …). */
interface EventNames<R extends string, M extends string, U extends string> {
  reported: R;
  moved: M;
  updated: U;
}

export type EquipmentEvent<D, R extends string, M extends string, U extends string> =
  | { type: R; data: { organisationId: string; deviceId: string; details: D; place: EquipmentPlace; reportedAt: string } }
  | { type: M; data: { organisationId: string; deviceId: string; from: EquipmentPlace; to: EquipmentPlace; movedAt: string } }
  | { type: U; data: { organisationId: string; deviceId: string; details: D; updatedAt: string } };

/** What a report changes, in the order its events are recorded; none for a report of what is known. */
export function changesOf<D extends object>(state: EquipmentState<D>, command: ReportDevice<D>): EquipmentChange[] {
  const known = state.device;
  if (!known) return ['reported'];
  const moved = known.place.workplaceId !== command.place.workplaceId || known.place.salesPointId !== command.place.salesPointId;
  const fields = Object.keys(command.details) as Array<keyof D>;
  const updated = fields.some((field) => known.details[field] !== command.details[field]);
  return [...(moved ? (['moved'] as const) : []), ...(updated ? (['updated'] as const) : [])];
}

function equipmentDecider<D extends object, R extends string, M extends string, U extends string>(
  events: EventSchemas,
  names: EventNames<R, M, U>,
): Decider<ReportDevice<D>, EquipmentEvent<D, R, M, U>, EquipmentState<D>> {
  type Event = EquipmentEvent<D, R, M, U>;
  return {
    decide(command, state) {
      const { organisationId, deviceId, details, place, at } = command;
      return changesOf(state, command).map((change): Event => {
        switch (change) {
          case 'reported':
            return { type: names.reported, data: { organisationId, deviceId, details, place, reportedAt: at } };
          case 'moved':
            return { type: names.moved, data: { organisationId, deviceId, from: state.device!.place, to: place, movedAt: at } };
          case 'updated':
            return { type: names.updated, data: { organisationId, deviceId, details, updatedAt: at } };
        }
      });
    },
    evolve(state, event) {
      const data = event.data as Partial<{ details: D; place: EquipmentPlace; to: EquipmentPlace }>;
      if (event.type === names.reported) return { device: { details: data.details!, place: data.place! } };
      if (!state.device) return state;
      if (event.type === names.moved) return { device: { ...state.device, place: data.to! } };
      return { device: { ...state.device, details: data.details! } };
    },
    initialState: { device: null },
    events,
  };
}

export const fiscalRegisterDecider = equipmentDecider<FiscalRegisterDetails, 'FiscalRegisterReported', 'FiscalRegisterMoved', 'FiscalRegisterUpdated'>(FiscalRegisterEvents, {
  reported: 'FiscalRegisterReported',
  moved: 'FiscalRegisterMoved',
  updated: 'FiscalRegisterUpdated',
});
export type FiscalRegisterEvent = EquipmentEvent<FiscalRegisterDetails, 'FiscalRegisterReported', 'FiscalRegisterMoved', 'FiscalRegisterUpdated'>;

export const bankTerminalDecider = equipmentDecider<BankTerminalDetails, 'BankTerminalReported', 'BankTerminalMoved', 'BankTerminalUpdated'>(BankTerminalEvents, {
  reported: 'BankTerminalReported',
  moved: 'BankTerminalMoved',
  updated: 'BankTerminalUpdated',
});
export type BankTerminalEvent = EquipmentEvent<BankTerminalDetails, 'BankTerminalReported', 'BankTerminalMoved', 'BankTerminalUpdated'>;
