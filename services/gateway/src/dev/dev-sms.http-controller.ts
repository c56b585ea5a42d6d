import { DevSmsList, NotificationsSubjects } from '@elk/contracts';
import { Controller, Inject } from '@nestjs/common';
import { ServiceBus } from '../bus/service-bus';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { HttpProblem } from '../http/problem';
import { CorrelationId } from '../http/request-context';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { DevSmsRoutes } from './dev-sms.routes';

/**
 * The SMS dev outbox, readable without a token: it is a developer's tool (where codes sent "by SMS" are
 * read) and exists only in embedded mode or with ELK_DEV_OUTBOX=1.
 */
@Controller()
export class DevSmsHttpController {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  @Route(DevSmsRoutes.list)
  list(@RouteInput() { query }: InputOf<typeof DevSmsRoutes.list>, @CorrelationId() correlationId: string): Promise<DevSmsList> {
    if (!this.options.devOutbox) throw new HttpProblem('NOT_FOUND', 'Журнал SMS для разработки выключен: он есть во встроенном режиме или с ELK_DEV_OUTBOX=1');
    return this.bus.request(NotificationsSubjects.ListDevSms, query, DevSmsList, { correlationId });
  }
}
