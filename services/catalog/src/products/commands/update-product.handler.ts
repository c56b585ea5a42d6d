import { Injectable } from '@nestjs/common';
import type { Actor, ProductView, UpdateProduct } from '@elk/contracts';
import type { BusHandlerContext } from '@elk/service-kit';
import { ProductWriter } from './product-writer';

@Injectable()
export class UpdateProductHandler {
  constructor(private readonly writer: ProductWriter) {}

  execute(command: UpdateProduct, actor: Actor, context: BusHandlerContext): Promise<ProductView> {
    const { expectedVersion, ...fields } = command.product;
    return this.writer.save({ productId: command.productId, fields, expectedVersion }, actor, context);
  }
}
