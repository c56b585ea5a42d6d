import { randomUUID } from 'node:crypto';
import {
  AddEmployeeRequest,
  ConfirmEmployeePhoneRequest,
  EmployeeList,
  EmployeeView,
  History,
  ListQuery,
  OrganisationSubjects,
  PinSent,
  UpdatedEmployee,
  UpdateEmployeeRequest,
} from '@elk/contracts';
import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Authenticated } from '../auth/session.guard';
import { ServiceBus } from '../bus/service-bus';
import { ResourceId, ifMatchHeaders } from '../http/resource-id';
import { CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { ValidBody, ValidHeaders, ValidQuery } from '../http/zod-validation.pipe';
import { Idempotency, IdempotencyHeaders } from '../idempotency/idempotency.service';

const EmployeeId = () => ResourceId('Сотрудник не найден');

export const EmployeeIfMatchHeaders = ifMatchHeaders('If-Match: версия карточки сотрудника, которую вы видели (целое число)');
export type EmployeeIfMatchHeaders = z.infer<typeof EmployeeIfMatchHeaders>;

/** Настройки → Сотрудники: the roster, the employees' cabinet accounts and their PIN-codes for the POS app. */
@Controller('api/v1/employees')
@Authenticated('employees:read')
export class EmployeesHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly idempotency: Idempotency,
  ) {}

  @Get()
  list(@ValidQuery(ListQuery) query: ListQuery, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<EmployeeList> {
    return this.bus.request(OrganisationSubjects.GetEmployeeList, query, EmployeeList, { actor, correlationId });
  }

  @Post()
  @HttpCode(201)
  @Authenticated('employees:write')
  add(
    @ValidBody(AddEmployeeRequest) body: AddEmployeeRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmployeeView> {
    return this.idempotency.respond(reply, {
      scope: `employees:${actor.organisationId}`,
      key: headers['idempotency-key'],
      request: body,
      seed: () => ({ employeeId: randomUUID() }),
      run: ({ employeeId }) => this.bus.request(OrganisationSubjects.AddEmployee, { employeeId, employee: body }, EmployeeView, { actor, correlationId }),
    });
  }

  @Get(':id')
  get(@EmployeeId() employeeId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<EmployeeView> {
    return this.bus.request(OrganisationSubjects.GetEmployee, { employeeId }, EmployeeView, { actor, correlationId });
  }

  @Put(':id')
  @Authenticated('employees:write')
  update(
    @EmployeeId() employeeId: string,
    @ValidBody(UpdateEmployeeRequest) body: UpdateEmployeeRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<UpdatedEmployee> {
    return this.bus.request(OrganisationSubjects.UpdateEmployee, { employeeId, employee: body }, UpdatedEmployee, { actor, correlationId });
  }

  /** The code from the SMS sent to the employee's new phone: it becomes their login and the card's phone. */
  @Post(':id/phone-confirmation')
  @HttpCode(200)
  @Authenticated('employees:write')
  confirmPhone(
    @EmployeeId() employeeId: string,
    @ValidBody(ConfirmEmployeePhoneRequest) body: ConfirmEmployeePhoneRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<EmployeeView> {
    return this.bus.request(OrganisationSubjects.ConfirmEmployeePhone, { employeeId, confirmation: body }, EmployeeView, { actor, correlationId });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('employees:write')
  async delete(
    @EmployeeId() employeeId: string,
    @ValidHeaders(EmployeeIfMatchHeaders) headers: EmployeeIfMatchHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.bus.request(OrganisationSubjects.DeleteEmployee, { employeeId, expectedVersion: headers['if-match'] }, z.unknown(), { actor, correlationId });
  }

  /** «Отправить новый PIN-код». */
  @Post(':id/pin')
  @HttpCode(200)
  @Authenticated('employees:write')
  sendPin(@EmployeeId() employeeId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<PinSent> {
    return this.bus.request(OrganisationSubjects.SendEmployeePin, { employeeId }, PinSent, { actor, correlationId });
  }

  @Get(':id/history')
  history(@EmployeeId() employeeId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<History> {
    return this.bus.request(OrganisationSubjects.GetEmployeeHistory, { employeeId }, History, { actor, correlationId });
  }
}
