import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type ProductView, UpdateProduct, CatalogSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { ProductWriter } from './product-writer';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class UpdateProductHandler {
  constructor(private readonly writer: ProductWriter) {}

  @MessagePattern(CatalogSubjects.UpdateProduct, { queue: CATALOG_QUEUE })
  execute(@BusPayload(UpdateProduct) command: UpdateProduct, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<ProductView> {
    const { expectedVersion, ...fields } = command.product;
    return this.writer.save({ productId: command.productId, fields, expectedVersion }, actor, context);
  }
}
