import type { ProductView } from '@elk/contracts';
import type { ProductRecord } from './product.decider';

export function productView({ productId, deleted: _deleted, ...fields }: ProductRecord): ProductView {
  return { id: productId, ...fields };
}
