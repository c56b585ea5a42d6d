import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Role, employeeFullName } from '@elk/contracts';
import { LOGGER, type BusContext, type BusEventPattern, type IntegrationEventPayload, type Logger } from '@elk/service-kit';
import { z } from 'zod';
import { OrganisationDirectory } from './organisation-directory';

/** Kept by JetStream across restarts: one consumer for all of organisation's events, so they come in order. */
export const ORGANISATION_EVENTS_DURABLE = 'devices-organisation';

const SalesPointCard = z.object({ organisationId: z.uuid(), salesPointId: z.uuid(), name: z.string() });
const SalesPointGone = z.object({ organisationId: z.uuid(), salesPointId: z.uuid() });
const EmployeeCard = z.object({ organisationId: z.uuid(), employeeId: z.uuid(), lastName: z.string(), firstName: z.string(), patronymic: z.string().nullable(), role: Role });
const EmployeeGone = z.object({ organisationId: z.uuid(), employeeId: z.uuid() });

/**
 * Keeps devices' directory of the organisation's sales points and employees (organisation-directory.ts) from
 * organisation's integration events. Other event types pass by. Delivery is at least once and a redelivered or late
 * event is recognised by its stream position.
 */
@Controller()
export class OrganisationEventsHandler {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A failure is logged and thrown: the event comes again after the ack wait. */
  @EventPattern('organisation.*', { durable: ORGANISATION_EVENTS_DURABLE } satisfies BusEventPattern)
  async handle(@Payload() payload: IntegrationEventPayload, @Ctx() context: BusContext): Promise<void> {
    try {
      await this.apply(payload);
    } catch (error) {
      const event = context.getEvent();
      this.logger.error({ err: error, eventId: event?.eventId, type: payload.type }, 'organisation event not applied to the devices directory; it will come again');
      throw error;
    }
  }

  private async apply(payload: IntegrationEventPayload): Promise<void> {
    const { streamPosition } = payload;
    switch (payload.type) {
      case 'SalesPointAdded':
      case 'SalesPointUpdated': {
        const { organisationId, salesPointId, name } = SalesPointCard.parse(payload.data);
        await this.directory.apply('sales-point', salesPointId, { organisationId, streamPosition, entry: { name, role: null } });
        return;
      }
      case 'SalesPointDeleted': {
        const { organisationId, salesPointId } = SalesPointGone.parse(payload.data);
        await this.directory.apply('sales-point', salesPointId, { organisationId, streamPosition, entry: null });
        return;
      }
      case 'EmployeeAdded':
      case 'EmployeeUpdated': {
        const employee = EmployeeCard.parse(payload.data);
        const { organisationId, employeeId, role } = employee;
        await this.directory.apply('employee', employeeId, { organisationId, streamPosition, entry: { name: employeeFullName(employee), role } });
        return;
      }
      case 'EmployeeDeleted': {
        const { organisationId, employeeId } = EmployeeGone.parse(payload.data);
        await this.directory.apply('employee', employeeId, { organisationId, streamPosition, entry: null });
        return;
      }
    }
  }
}
