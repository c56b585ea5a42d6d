import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CloseTerminalSession, IdentitySubjects } from '@elk/contracts';
import { CLOCK, BusPayload, AnonymousCall, type Clock } from '@elk/service-kit';
import { IDENTITY_QUEUE } from '../../identity.queue';
import { TerminalSessions } from '../terminal-sessions';

@Controller()
export class CloseTerminalSessionHandler {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: TerminalSessions,
  ) {}

  /** Log-out on the terminal: ends the device's session when the token is its; a session that is gone is fine. */
  @MessagePattern(IdentitySubjects.CloseTerminalSession, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(CloseTerminalSession) command: CloseTerminalSession): Promise<void> {
    if (await this.sessions.find(command.device, command.token, this.clock.now())) await this.sessions.end(command.device);
  }
}
