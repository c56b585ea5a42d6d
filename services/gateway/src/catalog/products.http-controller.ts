import { randomUUID } from 'node:crypto';
import { AddProductRequest, CatalogSubjects, History, ProductList, ProductListQuery, ProductView, UpdateProductRequest } from '@elk/contracts';
import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Authenticated } from '../auth/session.guard';
import { ServiceBus } from '../bus/service-bus';
import { ResourceId, ifMatchHeaders } from '../http/resource-id';
import { CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { ValidBody, ValidHeaders, ValidQuery } from '../http/zod-validation.pipe';
import { Idempotency, IdempotencyHeaders } from '../idempotency/idempotency.service';

const ProductId = () => ResourceId('Товар не найден');

export const ProductIfMatchHeaders = ifMatchHeaders('If-Match: версия товара, которую вы видели (целое число)');
export type ProductIfMatchHeaders = z.infer<typeof ProductIfMatchHeaders>;

/** Каталог → Все товары: what the tills sell, each with its price, unit, VAT rate, barcodes and category. */
@Controller('api/v1/catalog/products')
@Authenticated('catalog:read')
export class ProductsHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly idempotency: Idempotency,
  ) {}

  @Get()
  list(@ValidQuery(ProductListQuery) query: ProductListQuery, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<ProductList> {
    return this.bus.request(CatalogSubjects.GetProductList, query, ProductList, { actor, correlationId });
  }

  @Post()
  @HttpCode(201)
  @Authenticated('catalog:write')
  add(
    @ValidBody(AddProductRequest) body: AddProductRequest,
    @ValidHeaders(IdempotencyHeaders) headers: IdempotencyHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductView> {
    return this.idempotency.respond(reply, {
      scope: `catalog-products:${actor.organisationId}`,
      key: headers['idempotency-key'],
      request: body,
      seed: () => ({ productId: randomUUID() }),
      run: ({ productId }) => this.bus.request(CatalogSubjects.AddProduct, { productId, product: body }, ProductView, { actor, correlationId }),
    });
  }

  @Get(':id')
  get(@ProductId() productId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<ProductView> {
    return this.bus.request(CatalogSubjects.GetProduct, { productId }, ProductView, { actor, correlationId });
  }

  @Put(':id')
  @Authenticated('catalog:write')
  update(
    @ProductId() productId: string,
    @ValidBody(UpdateProductRequest) body: UpdateProductRequest,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    return this.bus.request(CatalogSubjects.UpdateProduct, { productId, product: body }, ProductView, { actor, correlationId });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('catalog:write')
  async delete(
    @ProductId() productId: string,
    @ValidHeaders(ProductIfMatchHeaders) headers: ProductIfMatchHeaders,
    @CurrentActor() actor: SessionActor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.bus.request(CatalogSubjects.DeleteProduct, { productId, expectedVersion: headers['if-match'] }, z.unknown(), { actor, correlationId });
  }

  @Get(':id/history')
  history(@ProductId() productId: string, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<History> {
    return this.bus.request(CatalogSubjects.GetProductHistory, { productId }, History, { actor, correlationId });
  }
}
