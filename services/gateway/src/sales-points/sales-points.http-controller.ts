import { randomUUID } from 'node:crypto';
import {
  AddSalesPointRequest,
  History,
  ListQuery,
  OrganisationSubjects,
  SalesPointList,
  SalesPointView,
  SetPaymentMethodsRequest,
  UpdateSalesPointRequest,
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

const NOT_FOUND = 'Точка продаж не найдена';
const SalesPointId = () => ResourceId(NOT_FOUND);

export const SalesPointIfMatchHeaders = ifMatchHeaders('If-Match: версия точки продаж, которую вы видели (целое число)');
export type SalesPointIfMatchHeaders = z.infer<typeof SalesPointIfMatchHeaders>;

/** Настройки → Точки продаж, with their «Способы оплаты». */
@Controller('api/v1/sales-points')
@Authenticated('sales-points:read')
export class SalesPointsHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly idempotency: Idempotency,
  ) {}

  @Get()
  list(@ValidQuery(ListQuery) query: ListQuery, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<SalesPointList> {
    return this.bus.request(OrganisationSubjects.GetSalesPointList, query, SalesPointList, { actor, correlationId });
  }

  @Post()
  @HttpCode(201)
  @Authenticated('sales-points:write')
  add(
    @ValidBody(AddSalesPointRequest) body: AddSalesPointRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SalesPointView> {
    return this.idempotency.respond(reply, {
      scope: `sales-points:${actor.organisationId}`,
      key: headers['idempotency-key'],
      request: body,
      seed: () => ({ salesPointId: randomUUID() }),
      run: ({ salesPointId }) => this.bus.request(OrganisationSubjects.AddSalesPoint, { salesPointId, point: body }, SalesPointView, { actor, correlationId }),
    });
  }

  @Get(':id')
  get(@SalesPointId() salesPointId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<SalesPointView> {
    return this.bus.request(OrganisationSubjects.GetSalesPoint, { salesPointId }, SalesPointView, { actor, correlationId });
  }

  @Put(':id')
  @Authenticated('sales-points:write')
  update(
    @SalesPointId() salesPointId: string,
    @ValidBody(UpdateSalesPointRequest) body: UpdateSalesPointRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<SalesPointView> {
    return this.bus.request(OrganisationSubjects.UpdateSalesPoint, { salesPointId, point: body }, SalesPointView, { actor, correlationId });
  }

  @Put(':id/payment-methods')
  @Authenticated('sales-points:write')
  setPaymentMethods(
    @SalesPointId() salesPointId: string,
    @ValidBody(SetPaymentMethodsRequest) body: SetPaymentMethodsRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<SalesPointView> {
    return this.bus.request(OrganisationSubjects.SetSalesPointPaymentMethods, { salesPointId, grid: body }, SalesPointView, { actor, correlationId });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('sales-points:write')
  async delete(
    @SalesPointId() salesPointId: string,
    @ValidHeaders(SalesPointIfMatchHeaders) headers: SalesPointIfMatchHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.bus.request(OrganisationSubjects.DeleteSalesPoint, { salesPointId, expectedVersion: headers['if-match'] }, z.unknown(), { actor, correlationId });
  }

  @Get(':id/history')
  history(@SalesPointId() salesPointId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<History> {
    return this.bus.request(OrganisationSubjects.GetSalesPointHistory, { salesPointId }, History, { actor, correlationId });
  }
}
