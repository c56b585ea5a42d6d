export { CatalogModule, type CatalogModuleOptions } from './catalog.module';
export { CatalogEnv, loadCatalogConfig, type CatalogConfig } from './catalog.config';
export { catalogProjections } from './catalog.projections';
export { unitsStreamId } from './units/unit.decider';
export { categoriesStreamId } from './categories/category.decider';
export { productStreamId } from './products/product.decider';
export { FFD_UNIT_PRESET } from './units/ffd-unit-preset';
