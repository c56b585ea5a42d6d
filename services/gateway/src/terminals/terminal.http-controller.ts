import { ActivationResponse, DevicesSubjects } from '@elk/contracts';
import { Controller } from '@nestjs/common';
import { ServiceBus } from '../bus/service-bus';
import { ClientIp, CorrelationId } from '../http/request-context';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { AttemptThrottle } from '../throttle/attempt-throttle';
import { TerminalRoutes } from './terminal.routes';

@Controller()
export class TerminalHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
  ) {}

  /** Every try counts against the address before the code is looked at: codes are short enough to guess at. */
  @Route(TerminalRoutes.activate)
  async activate(@RouteInput() { body }: InputOf<typeof TerminalRoutes.activate>, @ClientIp() ip: string, @CorrelationId() correlationId: string): Promise<ActivationResponse> {
    await this.throttle.activationAttempt(ip);
    return this.bus.request(DevicesSubjects.ActivateDevice, { activation: body }, ActivationResponse, { correlationId });
  }
}
