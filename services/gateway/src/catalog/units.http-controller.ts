import { randomUUID } from 'node:crypto';
import { AddUnitRequest, CatalogSubjects, History, ListQuery, UnitList, UnitView, UpdateUnitRequest } from '@elk/contracts';
import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Authenticated } from '../auth/session.guard';
import { ServiceBus } from '../bus/service-bus';
import { ResourceId, ifMatchHeaders } from '../http/resource-id';
import { CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { ValidBody, ValidHeaders, ValidQuery } from '../http/zod-validation.pipe';
import { Idempotency, IdempotencyHeaders } from '../idempotency/idempotency.service';

const UnitId = () => ResourceId('Единица измерения не найдена');

export const UnitIfMatchHeaders = ifMatchHeaders('If-Match: версия единицы измерения, которую вы видели (целое число)');
export type UnitIfMatchHeaders = z.infer<typeof UnitIfMatchHeaders>;

/** Каталог → Единицы измерения: the FFD 1.2 preset of every organisation and the merchant's own units. */
@Controller('api/v1/catalog/units')
@Authenticated('catalog:read')
export class UnitsHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly idempotency: Idempotency,
  ) {}

  @Get()
  list(@ValidQuery(ListQuery) query: ListQuery, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<UnitList> {
    return this.bus.request(CatalogSubjects.GetUnitList, query, UnitList, { actor, correlationId });
  }

  @Post()
  @HttpCode(201)
  @Authenticated('catalog:write')
  add(
    @ValidBody(AddUnitRequest) body: AddUnitRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UnitView> {
    return this.idempotency.respond(reply, {
      scope: `catalog-units:${actor.organisationId}`,
      key: headers['idempotency-key'],
      request: body,
      seed: () => ({ unitId: randomUUID() }),
      run: ({ unitId }) => this.bus.request(CatalogSubjects.AddUnit, { unitId, unit: body }, UnitView, { actor, correlationId }),
    });
  }

  @Get(':id')
  get(@UnitId() unitId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<UnitView> {
    return this.bus.request(CatalogSubjects.GetUnit, { unitId }, UnitView, { actor, correlationId });
  }

  @Put(':id')
  @Authenticated('catalog:write')
  update(
    @UnitId() unitId: string,
    @ValidBody(UpdateUnitRequest) body: UpdateUnitRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<UnitView> {
    return this.bus.request(CatalogSubjects.UpdateUnit, { unitId, unit: body }, UnitView, { actor, correlationId });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('catalog:write')
  async delete(
    @UnitId() unitId: string,
    @ValidHeaders(UnitIfMatchHeaders) headers: UnitIfMatchHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.bus.request(CatalogSubjects.DeleteUnit, { unitId, expectedVersion: headers['if-match'] }, z.unknown(), { actor, correlationId });
  }

  @Get(':id/history')
  history(@UnitId() unitId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<History> {
    return this.bus.request(CatalogSubjects.GetUnitHistory, { unitId }, History, { actor, correlationId });
  }
}
