import { Injectable } from '@nestjs/common';
import { ServiceProjections } from '@elk/service-kit';
import { categoryListProjection } from './categories/queries/category-list.projection';
import { productListProjection } from './products/queries/product-list.projection';
import { terminalCatalogProjection } from './terminal-catalog/terminal-catalog.projection';
import { unitListProjection } from './units/queries/unit-list.projection';

/** The read models of catalog; the replay script rebuilds them by name. */
export const catalogProjections = [unitListProjection, categoryListProjection, productListProjection, terminalCatalogProjection];

/** Runs the service's projections for as long as the application lives. */
@Injectable()
export class CatalogProjections extends ServiceProjections {
  protected readonly projections = catalogProjections;
}
