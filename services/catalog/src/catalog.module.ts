import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@elk/service-kit';
import { CatalogProjections } from './catalog.projections';
import { AddCategoryHandler } from './categories/commands/add-category.handler';
import { DeleteCategoryHandler } from './categories/commands/delete-category.handler';
import { UpdateCategoryHandler } from './categories/commands/update-category.handler';
import { GetCategoryHistoryHandler } from './categories/queries/get-category-history.handler';
import { GetCategoryListHandler } from './categories/queries/get-category-list.handler';
import { GetCategoryHandler } from './categories/queries/get-category.handler';
import { AddProductHandler } from './products/commands/add-product.handler';
import { ChangeProductsInBulkHandler } from './products/commands/change-products-in-bulk.handler';
import { DeleteProductHandler } from './products/commands/delete-product.handler';
import { ProductReassigner } from './products/commands/product-reassigner';
import { ProductWriter } from './products/commands/product-writer';
import { UpdateProductHandler } from './products/commands/update-product.handler';
import { ImportProductRowsHandler } from './products/import/import-product-rows.handler';
import { UndoProductImportHandler } from './products/import/undo-product-import.handler';
import { GetTerminalCatalogHandler } from './terminal-catalog/get-terminal-catalog.handler';
import { ProductCodeRegistry } from './products/product-code.registry';
import { GetProductHistoryHandler } from './products/queries/get-product-history.handler';
import { GetProductListHandler } from './products/queries/get-product-list.handler';
import { GetProductHandler } from './products/queries/get-product.handler';
import { AddUnitHandler } from './units/commands/add-unit.handler';
import { OrganisationRegisteredHandler } from './units/events/organisation-registered.handler';
import { DeleteUnitHandler } from './units/commands/delete-unit.handler';
import { LoadUnitPresetHandler } from './units/commands/load-unit-preset.handler';
import { UpdateUnitHandler } from './units/commands/update-unit.handler';
import { GetUnitHistoryHandler } from './units/queries/get-unit-history.handler';
import { GetUnitListHandler } from './units/queries/get-unit-list.handler';
import { GetUnitHandler } from './units/queries/get-unit.handler';

export interface CatalogModuleOptions {
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
}

/**
 * The catalog: units of measure (the FFD 1.2 ones preloaded for each new organisation), the category tree and products, served
 * on the bus, and their change feed for terminals. Needs InfrastructureModule (event store, documents store, bus, logger) from the composition root, and
 * organisation's integration events on the bus.
 */
@Module({})
export class CatalogModule {
  static forRoot(options: CatalogModuleOptions = {}): DynamicModule {
    return {
      module: CatalogModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        CatalogProjections,
        LoadUnitPresetHandler,
        ProductCodeRegistry,
        ProductWriter,
        ProductReassigner,
      ],
      controllers: [
        AddUnitHandler,
        UpdateUnitHandler,
        DeleteUnitHandler,
        GetUnitListHandler,
        GetUnitHandler,
        GetUnitHistoryHandler,
        AddCategoryHandler,
        UpdateCategoryHandler,
        DeleteCategoryHandler,
        GetCategoryListHandler,
        GetCategoryHandler,
        GetCategoryHistoryHandler,
        AddProductHandler,
        UpdateProductHandler,
        DeleteProductHandler,
        ChangeProductsInBulkHandler,
        GetProductListHandler,
        GetProductHandler,
        GetProductHistoryHandler,
        ImportProductRowsHandler,
        UndoProductImportHandler,
        GetTerminalCatalogHandler,
        OrganisationRegisteredHandler,
      ],
    };
  }
}
