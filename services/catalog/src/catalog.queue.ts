/** The queue group of the catalog service: its instances share the requests of its subjects. */
export const CATALOG_QUEUE = 'catalog';
