import { randomUUID } from 'node:crypto';
import {
  AddLegalEntityRequest,
  History,
  LegalEntityList,
  LegalEntityView,
  ListQuery,
  OrganisationSubjects,
  UpdateLegalEntityRequest,
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

const NOT_FOUND = 'Юридическое лицо не найдено';
const LegalEntityId = () => ResourceId(NOT_FOUND);

export const IfMatchHeaders = ifMatchHeaders('If-Match: версия юридического лица, которую вы видели (целое число)');
export type IfMatchHeaders = z.infer<typeof IfMatchHeaders>;

/** Настройки → Юридические лица. */
@Controller('api/v1/legal-entities')
@Authenticated('legal-entities:read')
export class LegalEntitiesHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly idempotency: Idempotency,
  ) {}

  @Get()
  list(@ValidQuery(ListQuery) query: ListQuery, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<LegalEntityList> {
    return this.bus.request(OrganisationSubjects.GetLegalEntityList, query, LegalEntityList, { actor, correlationId });
  }

  @Post()
  @HttpCode(201)
  @Authenticated('legal-entities:write')
  add(
    @ValidBody(AddLegalEntityRequest) body: AddLegalEntityRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LegalEntityView> {
    return this.idempotency.respond(reply, {
      scope: `legal-entities:${actor.organisationId}`,
      key: headers['idempotency-key'],
      request: body,
      seed: () => ({ legalEntityId: randomUUID() }),
      run: ({ legalEntityId }) => this.bus.request(OrganisationSubjects.AddLegalEntity, { legalEntityId, entity: body }, LegalEntityView, { actor, correlationId }),
    });
  }

  @Get(':id')
  get(@LegalEntityId() legalEntityId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<LegalEntityView> {
    return this.bus.request(OrganisationSubjects.GetLegalEntity, { legalEntityId }, LegalEntityView, { actor, correlationId });
  }

  @Put(':id')
  @Authenticated('legal-entities:write')
  update(
    @LegalEntityId() legalEntityId: string,
    @ValidBody(UpdateLegalEntityRequest) body: UpdateLegalEntityRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<LegalEntityView> {
    return this.bus.request(OrganisationSubjects.UpdateLegalEntity, { legalEntityId, entity: body }, LegalEntityView, { actor, correlationId });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('legal-entities:write')
  async delete(
    @LegalEntityId() legalEntityId: string,
    @ValidHeaders(IfMatchHeaders) headers: IfMatchHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.bus.request(OrganisationSubjects.DeleteLegalEntity, { legalEntityId, expectedVersion: headers['if-match'] }, z.unknown(), { actor, correlationId });
  }

  @Get(':id/history')
  history(@LegalEntityId() legalEntityId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<History> {
    return this.bus.request(OrganisationSubjects.GetLegalEntityHistory, { legalEntityId }, History, { actor, correlationId });
  }
}
