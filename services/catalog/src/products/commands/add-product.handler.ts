import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, AddProduct, type ProductView, CatalogSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { ProductWriter } from './product-writer';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class AddProductHandler {
  constructor(private readonly writer: ProductWriter) {}

  /** A retried add with the same id returns the product as it is. */
  @MessagePattern(CatalogSubjects.AddProduct, { queue: CATALOG_QUEUE })
  execute(@BusPayload(AddProduct) command: AddProduct, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<ProductView> {
    return this.writer.save({ productId: command.productId, fields: command.product }, actor, context);
  }
}
