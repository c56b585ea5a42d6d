import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { LegalEntityType, PaymentMethodsByRole, Role, TaxSystem, employeeFullName } from '@elk/contracts';
import type { MessageBus } from '@elk/messaging';
import { LOGGER, MESSAGE_BUS, type BusContext, type BusEventPattern, type IntegrationEventPayload, type Logger } from '@elk/service-kit';
import { z } from 'zod';
import { broadcastTerminalAccessChanged } from '../terminals/terminal-access-changed';
import { OrganisationDirectory } from './organisation-directory';

/** Kept by JetStream across restarts: one consumer for all of organisation's events, so they come in order. */
export const ORGANISATION_EVENTS_DURABLE = 'devices-organisation';

const ids = { organisationId: z.uuid() };
const OrganisationCard = z.object({ ...ids, name: z.string() });
const LegalEntityCard = z.object({ ...ids, legalEntityId: z.uuid(), type: LegalEntityType, name: z.string(), inn: z.string(), kpp: z.string().nullable(), taxSystem: TaxSystem });
const LegalEntityGone = z.object({ ...ids, legalEntityId: z.uuid() });
const SalesPointCard = z.object({ ...ids, salesPointId: z.uuid(), name: z.string(), address: z.string(), legalEntityId: z.uuid(), paymentMethods: PaymentMethodsByRole.optional() });
const SalesPointPaymentMethods = z.object({ ...ids, salesPointId: z.uuid(), paymentMethods: PaymentMethodsByRole });
const SalesPointGone = z.object({ ...ids, salesPointId: z.uuid() });
const EmployeeCard = z.object({ ...ids, employeeId: z.uuid(), lastName: z.string(), firstName: z.string(), patronymic: z.string().nullable(), role: Role });
const EmployeeGone = z.object({ ...ids, employeeId: z.uuid() });

/**
 * Keeps devices' directory of the organisation service's data (organisation-directory.ts) from its integration
 * events. Other event types pass by. Delivery is at least once; a redelivered or late event is recognised by its
 * stream position.
 */
@Controller()
export class OrganisationEventsHandler {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /**
   * A failure is logged and thrown: the event comes again after the ack wait. Once applied, the gateways are told: a
   * terminal's session answer reads the directory (payment methods, names).
   */
  @EventPattern('organisation.*', { durable: ORGANISATION_EVENTS_DURABLE } satisfies BusEventPattern)
  async handle(@Payload() payload: IntegrationEventPayload, @Ctx() context: BusContext): Promise<void> {
    try {
      await this.apply(payload);
      await broadcastTerminalAccessChanged(this.bus, payload.metadata.organisationId);
    } catch (error) {
      this.logger.error({ err: error, eventId: context.getEvent()?.eventId, type: payload.type }, 'organisation event not applied to the devices directory; it will come again');
      throw error;
    }
  }

  private async apply({ type, data, streamPosition }: IntegrationEventPayload): Promise<void> {
    const at = (organisationId: string) => ({ organisationId, streamPosition });
    switch (type) {
      case 'OrganisationRegistered': {
        const { organisationId, name } = OrganisationCard.parse(data);
        await this.directory.apply('organisation', organisationId, { ...at(organisationId), fields: { name } });
        return;
      }
      case 'LegalEntityAdded':
      case 'LegalEntityUpdated': {
        const { organisationId, legalEntityId, ...fields } = LegalEntityCard.parse(data);
        await this.directory.apply('legal-entity', legalEntityId, { ...at(organisationId), fields });
        return;
      }
      case 'LegalEntityDeleted': {
        const { organisationId, legalEntityId } = LegalEntityGone.parse(data);
        await this.directory.apply('legal-entity', legalEntityId, { ...at(organisationId), fields: null });
        return;
      }
      case 'SalesPointAdded':
      case 'SalesPointUpdated': {
        const { organisationId, salesPointId, ...fields } = SalesPointCard.parse(data);
        await this.directory.apply('sales-point', salesPointId, { ...at(organisationId), fields });
        return;
      }
      case 'SalesPointPaymentMethodsSet': {
        const { organisationId, salesPointId, paymentMethods } = SalesPointPaymentMethods.parse(data);
        await this.directory.apply('sales-point', salesPointId, { ...at(organisationId), fields: { paymentMethods } });
        return;
      }
      case 'SalesPointDeleted': {
        const { organisationId, salesPointId } = SalesPointGone.parse(data);
        await this.directory.apply('sales-point', salesPointId, { ...at(organisationId), fields: null });
        return;
      }
      case 'EmployeeAdded':
      case 'EmployeeUpdated': {
        const employee = EmployeeCard.parse(data);
        await this.directory.apply('employee', employee.employeeId, { ...at(employee.organisationId), fields: { name: employeeFullName(employee), role: employee.role } });
        return;
      }
      case 'EmployeeDeleted': {
        const { organisationId, employeeId } = EmployeeGone.parse(data);
        await this.directory.apply('employee', employeeId, { ...at(organisationId), fields: null });
        return;
      }
    }
  }
}
