import { DevSmsList, NotificationsSubjects } from '@elk/contracts';
import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { ServiceBus } from '../bus/service-bus';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { HttpProblem } from '../http/problem';
import { CorrelationId } from '../http/request-context';
import { ValidQuery } from '../http/zod-validation.pipe';

export const DevSmsQuery = z.strictObject({
  to: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
});
export type DevSmsQuery = z.infer<typeof DevSmsQuery>;

/**
 * The SMS dev outbox, readable without a token: it is a developer's tool (where codes sent "by SMS" are
 * read) and exists only in embedded mode or with ELK_DEV_OUTBOX=1.
 */
@Controller('api/v1/dev/sms')
export class DevSmsHttpController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  @Get()
  list(@ValidQuery(DevSmsQuery) query: DevSmsQuery, @CorrelationId() correlationId: string): Promise<DevSmsList> {
    if (!this.options.devOutbox) throw new HttpProblem('NOT_FOUND', 'Журнал SMS для разработки выключен: он есть во встроенном режиме или с ELK_DEV_OUTBOX=1');
    return this.bus.request(NotificationsSubjects.ListDevSms, query, DevSmsList, { correlationId });
  }
}
