import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DevicesSubjects, ReportEquipment, type EquipmentReportResponse } from '@elk/contracts';
import { BusPayload, AnonymousCall, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { EquipmentDesk } from '../equipment-desk';
import { BANK_TERMINALS, FISCAL_REGISTERS } from '../equipment-kinds';

@Controller()
export class ReportEquipmentHandler {
  constructor(private readonly desk: EquipmentDesk) {}

  /**
   * `POST /pos/v1/equipment`: the fiscal register and/or bank terminal connected to the terminal the gateway
   * authenticated. Reporting the same again records nothing; from another workplace, the move.
   */
  @MessagePattern(DevicesSubjects.ReportEquipment, { queue: DEVICES_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(ReportEquipment) command: ReportEquipment, @Ctx() context: BusHandlerContext): Promise<EquipmentReportResponse> {
    const { device, report } = command;
    const place = await this.desk.placeOf(device);
    return {
      fiscalRegister: report.fiscalRegister ? await this.desk.report(FISCAL_REGISTERS, device, place, report.fiscalRegister, context) : null,
      bankTerminal: report.bankTerminal ? await this.desk.report(BANK_TERMINALS, device, place, report.bankTerminal, context) : null,
    };
  }
}
