import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  AddCategory,
  AddUnit,
  CatalogSubjects,
  DeleteCategory,
  DeleteUnit,
  GetCategory,
  GetCategoryHistory,
  GetCategoryList,
  GetUnit,
  GetUnitHistory,
  GetUnitList,
  UpdateCategory,
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
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.serving?.close();
  }
}
