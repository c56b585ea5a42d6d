import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, GetOrganisation, OrganisationSubjects, SignUp } from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS, busHandler, serveBusHandlers } from '@elk/service-kit';
import { SignUpHandler } from '../organisations/commands/sign-up.handler';
import { GetOrganisationHandler } from '../organisations/queries/get-organisation.handler';

export const ORGANISATION_QUEUE = 'organisation';

/** Serves every OrganisationSubjects subject in the 'organisation' queue group from bootstrap until shutdown. */
@Injectable()
export class OrganisationBusController implements OnApplicationBootstrap, OnModuleDestroy {
  private serving?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly signUp: SignUpHandler,
    private readonly getOrganisation: GetOrganisationHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.serving = await serveBusHandlers(this.bus, ORGANISATION_QUEUE, [
      busHandler({ subject: OrganisationSubjects.SignUp, schema: SignUp, requiresActor: false, handle: (command, context) => this.signUp.execute(command, context) }),
      busHandler({
        subject: OrganisationSubjects.GetOrganisation,
        schema: GetOrganisation,
        requiresActor: true,
        handle: (query, context) => {
          if (!context.actor) throw new DomainError('UNAUTHENTICATED', 'Войдите в личный кабинет');
          return this.getOrganisation.execute(query, context.actor);
        },
      }),
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.serving?.close();
  }
}
