import { z } from 'zod';
import { ListQuery } from '../common/list-query';
import { AddCategoryRequest, CategoryDeleteMode, UpdateCategoryRequest } from './categories.http';
import { AddProductRequest, BulkProductsRequest, ProductListQuery, UpdateProductRequest } from './products.http';
import { TerminalCatalogQuery } from './terminal-catalog';
import { AddUnitRequest, UnitListQuery, UpdateUnitRequest } from './units.http';

/**
 * Bus subjects and payloads of the catalog service. Every message is scoped by the actor's organisation from
 * the headers; ids of new things come from the caller, so a retried add names the same thing.
 */
export const CatalogSubjects = {
  AddUnit: 'elk.catalog.cmd.AddUnit',
  UpdateUnit: 'elk.catalog.cmd.UpdateUnit',
  DeleteUnit: 'elk.catalog.cmd.DeleteUnit',
  GetUnitList: 'elk.catalog.qry.GetUnitList',
  GetUnit: 'elk.catalog.qry.GetUnit',
  GetUnitHistory: 'elk.catalog.qry.GetUnitHistory',
  AddCategory: 'elk.catalog.cmd.AddCategory',
  UpdateCategory: 'elk.catalog.cmd.UpdateCategory',
  DeleteCategory: 'elk.catalog.cmd.DeleteCategory',
  GetCategoryList: 'elk.catalog.qry.GetCategoryList',
  GetCategory: 'elk.catalog.qry.GetCategory',
  GetCategoryHistory: 'elk.catalog.qry.GetCategoryHistory',
  AddProduct: 'elk.catalog.cmd.AddProduct',
  UpdateProduct: 'elk.catalog.cmd.UpdateProduct',
  DeleteProduct: 'elk.catalog.cmd.DeleteProduct',
  GetProductList: 'elk.catalog.qry.GetProductList',
  GetProduct: 'elk.catalog.qry.GetProduct',
  GetProductHistory: 'elk.catalog.qry.GetProductHistory',
  /** One action on the products selected in «Все товары»: BulkProductsRequest → BulkResult. */
  ChangeProductsInBulk: 'elk.catalog.cmd.ChangeProductsInBulk',
  /** Rows of a product file (see product-import.ts): ImportProductRows → ImportProductRowsResult. */
  ImportProductRows: 'elk.catalog.cmd.ImportProductRows',
  /** «Отменить импорт»: UndoProductImport → BulkResult. */
  UndoProductImport: 'elk.catalog.cmd.UndoProductImport',
  /** From the gateway, for a terminal it authenticated: GetTerminalCatalog → TerminalCatalogPage. */
  GetTerminalCatalog: 'elk.catalog.qry.GetTerminalCatalog',
} as const;

// Units of measure (Каталог → Единицы измерения).

export const AddUnit = z.object({ unitId: z.uuid(), unit: AddUnitRequest });
export type AddUnit = z.infer<typeof AddUnit>;
export const UpdateUnit = z.object({ unitId: z.uuid(), unit: UpdateUnitRequest });
export type UpdateUnit = z.infer<typeof UpdateUnit>;
/** `replaceWith`: the unit every product measured in this one gets first (each product a change of its own), then the delete. */
export const DeleteUnit = z.object({ unitId: z.uuid(), expectedVersion: z.number().int().min(1).optional(), replaceWith: z.uuid().optional() });
export type DeleteUnit = z.infer<typeof DeleteUnit>;
export const GetUnit = z.object({ unitId: z.uuid() });
export type GetUnit = z.infer<typeof GetUnit>;
export const GetUnitHistory = GetUnit;
export const GetUnitList = UnitListQuery;
export type GetUnitList = z.infer<typeof GetUnitList>;

// Categories (Каталог → Категории).

export const AddCategory = z.object({ categoryId: z.uuid(), category: AddCategoryRequest });
export type AddCategory = z.infer<typeof AddCategory>;
export const UpdateCategory = z.object({ categoryId: z.uuid(), category: UpdateCategoryRequest });
export type UpdateCategory = z.infer<typeof UpdateCategory>;
export const DeleteCategory = z.object({
  categoryId: z.uuid(),
  expectedVersion: z.number().int().min(1).optional(),
  mode: CategoryDeleteMode.default('refuse'),
  /** The category the category's own products are moved to first (each a change of its own), instead of its parent. */
  replaceWith: z.uuid().optional(),
});
export type DeleteCategory = z.infer<typeof DeleteCategory>;
export const GetCategory = z.object({ categoryId: z.uuid() });
export type GetCategory = z.infer<typeof GetCategory>;
export const GetCategoryHistory = GetCategory;
export const GetCategoryList = ListQuery;
export type GetCategoryList = z.infer<typeof GetCategoryList>;

// Products (Каталог → Все товары).

export const AddProduct = z.object({ productId: z.uuid(), product: AddProductRequest });
export type AddProduct = z.infer<typeof AddProduct>;
export const UpdateProduct = z.object({ productId: z.uuid(), product: UpdateProductRequest });
export type UpdateProduct = z.infer<typeof UpdateProduct>;
export const DeleteProduct = z.object({ productId: z.uuid(), expectedVersion: z.number().int().min(1).optional() });
export type DeleteProduct = z.infer<typeof DeleteProduct>;
export const GetProduct = z.object({ productId: z.uuid() });
export type GetProduct = z.infer<typeof GetProduct>;
export const GetProductHistory = GetProduct;
export const GetProductList = ProductListQuery;
export const ChangeProductsInBulk = BulkProductsRequest;
export type ChangeProductsInBulk = z.output<typeof BulkProductsRequest>;
export type GetProductList = z.infer<typeof GetProductList>;

// The terminals' catalog (GET /pos/v1/catalog).

/** The organisation is the authenticated terminal's (the gateway's DeviceGuard), never from the terminal's query. */
export const GetTerminalCatalog = TerminalCatalogQuery.extend({ organisationId: z.uuid() });
export type GetTerminalCatalog = z.infer<typeof GetTerminalCatalog>;
