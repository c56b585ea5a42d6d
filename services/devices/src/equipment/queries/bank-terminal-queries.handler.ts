import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DevicesSubjects, GetEquipment, GetBankTerminalList, type Actor, type BankTerminalList, type BankTerminalView, type History } from '@elk/contracts';
import { BusPayload, BusActor } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { EquipmentDesk } from '../equipment-desk';
import { BANK_TERMINALS } from '../equipment-kinds';

/** POS оборудование → Банковские терминалы: the list (by TID), a card, its history. */
@Controller()
export class BankTerminalQueriesHandler {
  constructor(private readonly desk: EquipmentDesk) {}

  @MessagePattern(DevicesSubjects.GetBankTerminalList, { queue: DEVICES_QUEUE })
  list(@BusPayload(GetBankTerminalList) query: GetBankTerminalList, @BusActor() actor: Actor): Promise<BankTerminalList> {
    return this.desk.list(BANK_TERMINALS, actor.organisationId, query);
  }

  @MessagePattern(DevicesSubjects.GetBankTerminal, { queue: DEVICES_QUEUE })
  get(@BusPayload(GetEquipment) query: GetEquipment, @BusActor() actor: Actor): Promise<BankTerminalView> {
    return this.desk.get(BANK_TERMINALS, actor.organisationId, query.deviceId);
  }

  @MessagePattern(DevicesSubjects.GetBankTerminalHistory, { queue: DEVICES_QUEUE })
  history(@BusPayload(GetEquipment) query: GetEquipment, @BusActor() actor: Actor): Promise<History> {
    return this.desk.history(BANK_TERMINALS, actor.organisationId, query.deviceId);
  }
}
