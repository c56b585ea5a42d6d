import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  AddLegalEntity,
  DeleteLegalEntity,
  DomainError,
  GetLegalEntity,
  GetLegalEntityHistory,
  GetLegalEntityList,
  GetOrganisation,
  OrganisationSubjects,
  SignUp,
  UpdateLegalEntity,
  type Actor,
} from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS, busHandler, serveBusHandlers, type BusHandlerContext } from '@elk/service-kit';
import { AddLegalEntityHandler } from '../legal-entities/commands/add-legal-entity.handler';
import { DeleteLegalEntityHandler } from '../legal-entities/commands/delete-legal-entity.handler';
import { UpdateLegalEntityHandler } from '../legal-entities/commands/update-legal-entity.handler';
import { GetLegalEntityHistoryHandler } from '../legal-entities/queries/get-legal-entity-history.handler';
import { GetLegalEntityListHandler } from '../legal-entities/queries/get-legal-entity-list.handler';
import { GetLegalEntityHandler } from '../legal-entities/queries/get-legal-entity.handler';
import { SignUpHandler } from '../organisations/commands/sign-up.handler';
import { GetOrganisationHandler } from '../organisations/queries/get-organisation.handler';

export const ORGANISATION_QUEUE = 'organisation';

/** The actor from the headers: every message but sign-up names one (serveBusHandlers refuses those without). */
function actorIn(context: BusHandlerContext): Actor {
  if (!context.actor) throw new DomainError('UNAUTHENTICATED', 'Войдите в личный кабинет');
  return context.actor;
}

/** Serves every OrganisationSubjects subject in the 'organisation' queue group from bootstrap until shutdown. */
@Injectable()
export class OrganisationBusController implements OnApplicationBootstrap, OnModuleDestroy {
  private serving?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly signUp: SignUpHandler,
    private readonly getOrganisation: GetOrganisationHandler,
    private readonly addLegalEntity: AddLegalEntityHandler,
    private readonly updateLegalEntity: UpdateLegalEntityHandler,
    private readonly deleteLegalEntity: DeleteLegalEntityHandler,
    private readonly getLegalEntityList: GetLegalEntityListHandler,
    private readonly getLegalEntity: GetLegalEntityHandler,
    private readonly getLegalEntityHistory: GetLegalEntityHistoryHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.serving = await serveBusHandlers(this.bus, ORGANISATION_QUEUE, [
      busHandler({ subject: OrganisationSubjects.SignUp, schema: SignUp, requiresActor: false, handle: (command, context) => this.signUp.execute(command, context) }),
      busHandler({
        subject: OrganisationSubjects.GetOrganisation,
        schema: GetOrganisation,
        requiresActor: true,
        handle: (query, context) => this.getOrganisation.execute(query, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.AddLegalEntity,
        schema: AddLegalEntity,
        requiresActor: true,
        handle: (command, context) => this.addLegalEntity.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.UpdateLegalEntity,
        schema: UpdateLegalEntity,
        requiresActor: true,
        handle: (command, context) => this.updateLegalEntity.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.DeleteLegalEntity,
        schema: DeleteLegalEntity,
        requiresActor: true,
        handle: (command, context) => this.deleteLegalEntity.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: OrganisationSubjects.GetLegalEntityList,
        schema: GetLegalEntityList,
        requiresActor: true,
        handle: (query, context) => this.getLegalEntityList.execute(query, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetLegalEntity,
        schema: GetLegalEntity,
        requiresActor: true,
        handle: (query, context) => this.getLegalEntity.execute(query, actorIn(context)),
      }),
      busHandler({
        subject: OrganisationSubjects.GetLegalEntityHistory,
        schema: GetLegalEntityHistory,
        requiresActor: true,
        handle: (query, context) => this.getLegalEntityHistory.execute(query, actorIn(context), context),
      }),
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.serving?.close();
  }
}
