import { randomUUID } from 'node:crypto';
import { AddCategoryRequest, CatalogSubjects, CategoryDeleteMode, CategoryList, CategoryView, History, ListQuery, UpdateCategoryRequest } from '@elk/contracts';
import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Authenticated } from '../auth/session.guard';
import { ServiceBus } from '../bus/service-bus';
import { ResourceId, ifMatchHeaders } from '../http/resource-id';
import { CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { ValidBody, ValidHeaders, ValidQuery } from '../http/zod-validation.pipe';
import { Idempotency, IdempotencyHeaders } from '../idempotency/idempotency.service';

const CategoryId = () => ResourceId('Категория не найдена');

export const CategoryIfMatchHeaders = ifMatchHeaders('If-Match: версия категории, которую вы видели (целое число)');
export type CategoryIfMatchHeaders = z.infer<typeof CategoryIfMatchHeaders>;

export const DeleteCategoryQuery = z.strictObject({
  mode: CategoryDeleteMode.optional().meta({
    description: 'Что делать с подкатегориями и товарами категории: `refuse` (по умолчанию) — не удалять и назвать их, `move-contents-up` — перенести их на уровень выше (товары категории верхнего уровня — в общий список)',
  }),
});
export type DeleteCategoryQuery = z.infer<typeof DeleteCategoryQuery>;

/** Каталог → Категории: a tree of any depth, each category naming its parent. */
@Controller('api/v1/catalog/categories')
@Authenticated('catalog:read')
export class CategoriesHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly idempotency: Idempotency,
  ) {}

  @Get()
  list(@ValidQuery(ListQuery) query: ListQuery, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<CategoryList> {
    return this.bus.request(CatalogSubjects.GetCategoryList, query, CategoryList, { actor, correlationId });
  }

  @Post()
  @HttpCode(201)
  @Authenticated('catalog:write')
  add(
    @ValidBody(AddCategoryRequest) body: AddCategoryRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryView> {
    return this.idempotency.respond(reply, {
      scope: `catalog-categories:${actor.organisationId}`,
      key: headers['idempotency-key'],
      request: body,
      seed: () => ({ categoryId: randomUUID() }),
      run: ({ categoryId }) => this.bus.request(CatalogSubjects.AddCategory, { categoryId, category: body }, CategoryView, { actor, correlationId }),
    });
  }

  @Get(':id')
  get(@CategoryId() categoryId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<CategoryView> {
    return this.bus.request(CatalogSubjects.GetCategory, { categoryId }, CategoryView, { actor, correlationId });
  }

  @Put(':id')
  @Authenticated('catalog:write')
  update(
    @CategoryId() categoryId: string,
    @ValidBody(UpdateCategoryRequest) body: UpdateCategoryRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<CategoryView> {
    return this.bus.request(CatalogSubjects.UpdateCategory, { categoryId, category: body }, CategoryView, { actor, correlationId });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('catalog:write')
  async delete(
    @CategoryId() categoryId: string,
    @ValidQuery(DeleteCategoryQuery) query: DeleteCategoryQuery,
    @ValidHeaders(CategoryIfMatchHeaders) headers: CategoryIfMatchHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    const command = { categoryId, expectedVersion: headers['if-match'], mode: query.mode };
    await this.bus.request(CatalogSubjects.DeleteCategory, command, z.unknown(), { actor, correlationId });
  }

  @Get(':id/history')
  history(@CategoryId() categoryId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<History> {
    return this.bus.request(CatalogSubjects.GetCategoryHistory, { categoryId }, History, { actor, correlationId });
  }
}
