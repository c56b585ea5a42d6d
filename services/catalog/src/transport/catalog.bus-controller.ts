import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  AddCategory,
  AddProduct,
  AddUnit,
  CatalogSubjects,
  DeleteCategory,
  DeleteProduct,
  DeleteUnit,
  GetCategory,
  GetCategoryHistory,
  GetCategoryList,
  GetProduct,
  GetProductHistory,
  GetProductList,
  GetUnit,
  GetUnitHistory,
  GetUnitList,
  ImportProductRows,
  UpdateCategory,
  UpdateProduct,
  UpdateUnit,
} from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS, actorIn, busHandler, serveBusHandlers } from '@elk/service-kit';
import { AddCategoryHandler } from '../categories/commands/add-category.handler';
import { DeleteCategoryHandler } from '../categories/commands/delete-category.handler';
import { UpdateCategoryHandler } from '../categories/commands/update-category.handler';
import { GetCategoryHistoryHandler } from '../categories/queries/get-category-history.handler';
import { GetCategoryListHandler } from '../categories/queries/get-category-list.handler';
import { GetCategoryHandler } from '../categories/queries/get-category.handler';
import { AddProductHandler } from '../products/commands/add-product.handler';
import { DeleteProductHandler } from '../products/commands/delete-product.handler';
import { UpdateProductHandler } from '../products/commands/update-product.handler';
import { ImportProductRowsHandler } from '../products/import/import-product-rows.handler';
import { GetProductHistoryHandler } from '../products/queries/get-product-history.handler';
import { GetProductListHandler } from '../products/queries/get-product-list.handler';
import { GetProductHandler } from '../products/queries/get-product.handler';
import { AddUnitHandler } from '../units/commands/add-unit.handler';
import { DeleteUnitHandler } from '../units/commands/delete-unit.handler';
import { UpdateUnitHandler } from '../units/commands/update-unit.handler';
import { GetUnitHistoryHandler } from '../units/queries/get-unit-history.handler';
import { GetUnitListHandler } from '../units/queries/get-unit-list.handler';
import { GetUnitHandler } from '../units/queries/get-unit.handler';

export const CATALOG_QUEUE = 'catalog';

/**
 * Serves every CatalogSubjects subject in the 'catalog' queue group from bootstrap until shutdown. Each names an actor
 * (the gateway has checked the role); everything is scoped by the actor's organisation.
 */
@Injectable()
export class CatalogBusController implements OnApplicationBootstrap, OnModuleDestroy {
  private serving?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly addUnit: AddUnitHandler,
    private readonly updateUnit: UpdateUnitHandler,
    private readonly deleteUnit: DeleteUnitHandler,
    private readonly getUnitList: GetUnitListHandler,
    private readonly getUnit: GetUnitHandler,
    private readonly getUnitHistory: GetUnitHistoryHandler,
    private readonly addCategory: AddCategoryHandler,
    private readonly updateCategory: UpdateCategoryHandler,
    private readonly deleteCategory: DeleteCategoryHandler,
    private readonly getCategoryList: GetCategoryListHandler,
    private readonly getCategory: GetCategoryHandler,
    private readonly getCategoryHistory: GetCategoryHistoryHandler,
    private readonly addProduct: AddProductHandler,
    private readonly updateProduct: UpdateProductHandler,
    private readonly deleteProduct: DeleteProductHandler,
    private readonly getProductList: GetProductListHandler,
    private readonly getProduct: GetProductHandler,
    private readonly getProductHistory: GetProductHistoryHandler,
    private readonly importProductRows: ImportProductRowsHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.serving = await serveBusHandlers(this.bus, CATALOG_QUEUE, [
      busHandler({ subject: CatalogSubjects.AddUnit, schema: AddUnit, requiresActor: true, handle: (command, context) => this.addUnit.execute(command, actorIn(context), context) }),
      busHandler({ subject: CatalogSubjects.UpdateUnit, schema: UpdateUnit, requiresActor: true, handle: (command, context) => this.updateUnit.execute(command, actorIn(context), context) }),
      busHandler({ subject: CatalogSubjects.DeleteUnit, schema: DeleteUnit, requiresActor: true, handle: (command, context) => this.deleteUnit.execute(command, actorIn(context), context) }),
      busHandler({ subject: CatalogSubjects.GetUnitList, schema: GetUnitList, requiresActor: true, handle: (query, context) => this.getUnitList.execute(query, actorIn(context)) }),
      busHandler({ subject: CatalogSubjects.GetUnit, schema: GetUnit, requiresActor: true, handle: (query, context) => this.getUnit.execute(query, actorIn(context)) }),
      busHandler({
        subject: CatalogSubjects.GetUnitHistory,
        schema: GetUnitHistory,
        requiresActor: true,
        handle: (query, context) => this.getUnitHistory.execute(query, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.AddCategory,
        schema: AddCategory,
        requiresActor: true,
        handle: (command, context) => this.addCategory.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.UpdateCategory,
        schema: UpdateCategory,
        requiresActor: true,
        handle: (command, context) => this.updateCategory.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.DeleteCategory,
        schema: DeleteCategory,
        requiresActor: true,
        handle: (command, context) => this.deleteCategory.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.GetCategoryList,
        schema: GetCategoryList,
        requiresActor: true,
        handle: (query, context) => this.getCategoryList.execute(query, actorIn(context)),
      }),
      busHandler({ subject: CatalogSubjects.GetCategory, schema: GetCategory, requiresActor: true, handle: (query, context) => this.getCategory.execute(query, actorIn(context)) }),
      busHandler({
        subject: CatalogSubjects.GetCategoryHistory,
        schema: GetCategoryHistory,
        requiresActor: true,
        handle: (query, context) => this.getCategoryHistory.execute(query, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.AddProduct,
        schema: AddProduct,
        requiresActor: true,
        handle: (command, context) => this.addProduct.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.UpdateProduct,
        schema: UpdateProduct,
        requiresActor: true,
        handle: (command, context) => this.updateProduct.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.DeleteProduct,
        schema: DeleteProduct,
        requiresActor: true,
        handle: (command, context) => this.deleteProduct.execute(command, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.GetProductList,
        schema: GetProductList,
        requiresActor: true,
        handle: (query, context) => this.getProductList.execute(query, actorIn(context)),
      }),
      busHandler({ subject: CatalogSubjects.GetProduct, schema: GetProduct, requiresActor: true, handle: (query, context) => this.getProduct.execute(query, actorIn(context)) }),
      busHandler({
        subject: CatalogSubjects.GetProductHistory,
        schema: GetProductHistory,
        requiresActor: true,
        handle: (query, context) => this.getProductHistory.execute(query, actorIn(context), context),
      }),
      busHandler({
        subject: CatalogSubjects.ImportProductRows,
        schema: ImportProductRows,
        requiresActor: true,
        handle: (command, context) => this.importProductRows.execute(command, actorIn(context), context),
      }),
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.serving?.close();
  }
}
