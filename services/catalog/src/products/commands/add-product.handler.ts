import { Injectable } from '@nestjs/common';
import type { Actor, AddProduct, ProductView } from '@elk/contracts';
import type { BusHandlerContext } from '@elk/service-kit';
import { ProductWriter } from './product-writer';

@Injectable()
export class AddProductHandler {
  constructor(private readonly writer: ProductWriter) {}

  /** A retried add with the same id returns the product as it is. */
  execute(command: AddProduct, actor: Actor, context: BusHandlerContext): Promise<ProductView> {
    return this.writer.save({ productId: command.productId, fields: command.product }, actor, context);
  }
}
