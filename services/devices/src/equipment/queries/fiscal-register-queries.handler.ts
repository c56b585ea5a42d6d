import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DevicesSubjects, GetEquipment, GetFiscalRegisterList, type Actor, type FiscalRegisterList, type FiscalRegisterView, type History } from '@elk/contracts';
import { BusPayload, BusActor } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { EquipmentDesk } from '../equipment-desk';
import { FISCAL_REGISTERS } from '../equipment-kinds';

/** POS оборудование → Фискальные регистраторы: the list (by заводской номер), a card, its history. */
@Controller()
export class FiscalRegisterQueriesHandler {
  constructor(private readonly desk: EquipmentDesk) {}

  @MessagePattern(DevicesSubjects.GetFiscalRegisterList, { queue: DEVICES_QUEUE })
  list(@BusPayload(GetFiscalRegisterList) query: GetFiscalRegisterList, @BusActor() actor: Actor): Promise<FiscalRegisterList> {
    return this.desk.list(FISCAL_REGISTERS, actor.organisationId, query);
  }

  @MessagePattern(DevicesSubjects.GetFiscalRegister, { queue: DEVICES_QUEUE })
  get(@BusPayload(GetEquipment) query: GetEquipment, @BusActor() actor: Actor): Promise<FiscalRegisterView> {
    return this.desk.get(FISCAL_REGISTERS, actor.organisationId, query.deviceId);
  }

  @MessagePattern(DevicesSubjects.GetFiscalRegisterHistory, { queue: DEVICES_QUEUE })
  history(@BusPayload(GetEquipment) query: GetEquipment, @BusActor() actor: Actor): Promise<History> {
    return this.desk.history(FISCAL_REGISTERS, actor.organisationId, query.deviceId);
  }
}
