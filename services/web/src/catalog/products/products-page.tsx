import { can } from '@elk/auth';
import { WITHOUT_CATEGORY, type ProductView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { spokenTreeProps } from '../../forms/form-tree-select';
import { DataList, type ListColumn } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { useAccount } from '../../shell/account-context';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageTitle } from '../../shell/page-title';
import { usePageTitle } from '../../shell/use-page-title';
import { useRowSelection } from '../../shell/use-row-selection';
import { useCategories } from '../categories/categories-api';
import { CategoryModal } from '../categories/category-modal';
import { categoryTree, categoryTreeOptions } from '../categories/category-tree';
import { useAllUnits } from '../units/units-api';
import { ProductBulkActions } from './bulk-actions-bar';
import { ProductExportButton } from './product-export-button';
import { ProductImportModal } from './product-import-modal';
import { ProductModal } from './product-modal';
import { catalogNames, vatLabel } from './product-labels';
import { useDeleteProduct, useProducts } from './products-api';
import { formatRubles } from '../../rubles';

/** Which card is open: none, «Новый товар», or an existing one (read-only without catalog:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; product: ProductView };

/**
 * Каталог → Все товары: search, a category (with its subcategories) or «Без категории», the table (a product's name
 * opens its card; name and price sort), «Экспорт», «Импорт», «+ Категорию», «+ Добавить».
 */
export function ProductsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('products.title'));
  const params = useListParams(['categoryId']);
  const categoryId = params.filters.categoryId;
  const list = useProducts(params);
  const units = useAllUnits().data ?? [];
  const categories = useCategories().data ?? [];
  const names = catalogNames(units, categories);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<ProductView | null>(null);
  const [importing, setImporting] = useState(false);
  const [addingCategory, setAddingCategory] = useState(false);
  const selection = useRowSelection<ProductView>((product) => product.name);
  const writable = can(role, 'catalog:write');
  const categoryOptions = [{ value: WITHOUT_CATEGORY, title: t('products.withoutCategory') }, ...categoryTreeOptions(categoryTree(categories))];

  const columns: ListColumn<ProductView>[] = [
    { key: 'name', title: t('products.name'), sortField: 'name', render: (product) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', product })}>{product.name}</OpenCardLink> },
    { key: 'price', title: t('products.price'), sortField: 'price', align: 'right', width: 120, render: ({ price }) => <span style={{ whiteSpace: 'nowrap' }}>{formatRubles(price)}</span> },
    { key: 'unit', title: t('products.unitShort'), width: 80, render: ({ unitId }) => names.units.get(unitId)?.shortName },
    { key: 'vat', title: t('products.vat'), width: 110, render: ({ vat }) => vatLabel(vat) },
    { key: 'category', title: t('products.category'), width: 140, render: ({ categoryId: id }) => (id ? names.categories.get(id)?.name : null) },
    { key: 'article', title: t('products.article'), width: 110, render: ({ article }) => article },
    { key: 'barcodes', title: t('products.barcodes'), width: 140, render: ({ barcodes }) => barcodes.join(', ') },
  ];

  return (
    <Card>
      <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 24 }}>
        <PageTitle>{t('products.title')}</PageTitle>
        <Space wrap>
          <ProductExportButton filters={{ search: params.search, categoryId, sort: params.sort }} />
          {writable && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('products.import.button')}
            </Button>
          )}
          {writable && (
            <Button icon={<PlusOutlined />} onClick={() => setAddingCategory(true)}>
              {t('categories.add')}
            </Button>
          )}
          {writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'new' })}>
              {t('products.add')}
            </Button>
          )}
        </Space>
      </Flex>
      {writable && <ProductBulkActions selected={selection.selected} units={units} categories={categories} onClear={selection.clear} />}
      <DataList<ProductView>
        list={list}
        params={params}
        searchPlaceholder={t('products.search')}
        filters={
          <TreeSelect
            aria-label={t('products.categoryFilter')}
            value={categoryId}
            onChange={(id: string | undefined) => params.change({ categoryId: id })}
            {...spokenTreeProps(categoryOptions)}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            allowClear
            placeholder={t('products.allCategories')}
            style={{ flex: '1 1 240px', minWidth: 0 }}
          />
        }
        filtered={categoryId !== undefined}
        emptyText={t('products.empty')}
        notFoundText={t('products.notFound')}
        itemTestId="product-row"
        columns={columns}
        minWidth={940}
        rowSelection={writable ? selection.rowSelection : undefined}
        actions={
          writable
            ? (product) => [
                { key: 'edit', icon: <EditOutlined />, label: t('products.edit'), onClick: () => setEditing({ kind: 'open', product }) },
                { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('products.delete'), onClick: () => setDeleting(product) },
              ]
            : undefined
        }
      />
      <ProductModal
        open={editing.kind !== 'closed'}
        product={editing.kind === 'open' ? editing.product : null}
        categories={categories}
        readOnly={!writable}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <DeleteProductModal product={deleting} onClose={() => setDeleting(null)} />
      {writable && <ProductImportModal open={importing} onClose={() => setImporting(false)} />}
      {writable && <CategoryModal open={addingCategory} category={null} categories={categories} onClose={() => setAddingCategory(false)} />}
    </Card>
  );
}

/** The confirm card before a delete: «Удалить товар?», which one, Отмена / Удалить. */
function DeleteProductModal({ product, onClose }: { product: ProductView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteProduct();
  return (
    <ConfirmDeleteModal
      open={product !== null}
      title={t('products.deleteTitle')}
      okText={t('products.delete')}
      description={product && `«${product.name}», ${formatRubles(product.price)}`}
      pending={remove.isPending}
      onDelete={() => remove.mutateAsync({ id: product!.id, version: product!.version }).then(() => undefined)}
      deletedMessage={t('products.deleted')}
      conflictMessage={t('products.versionConflict')}
      onClose={onClose}
    />
  );
}
