import { can } from '@elk/auth';
import type { ProductView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Space, Table, TreeSelect, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { SearchBox } from '../../forms/search-box';
import { useDebounced } from '../../forms/use-debounced';
import { useAccount } from '../../shell/account-context';
import { LoadFailed } from '../../shell/load-failed';
import { OpenCardLink } from '../../shell/open-card-link';
import { ShowMore } from '../../shell/show-more';
import { useCategories } from '../categories/categories-api';
import { CategoryModal } from '../categories/category-modal';
import { categoryTree, categoryTreeOptions } from '../categories/category-tree';
import { useAllUnits } from '../units/units-api';
import { useRowSelection } from '../../shell/use-row-selection';
import { ProductBulkActions } from './bulk-actions-bar';
import { ProductExportButton } from './product-export-button';
import { ProductImportModal } from './product-import-modal';
import { ProductModal } from './product-modal';
import { catalogNames, vatLabel } from './product-labels';
import { useDeleteProduct, useProducts, type ProductSort } from './products-api';
import { formatRubles } from './rubles';
import { PageTitle } from '../../shell/page-title';

/** Which card is open: none, «Новый товар», or an existing one (read-only without catalog:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; product: ProductView };

const SEARCH_DELAY_MS = 300;

/**
 * Каталог → Все товары: search, a category (with its subcategories), the order, the table (a product's name opens its
 * card), «Экспорт», «Импорт», «+ Категорию», «+ Добавить».
 */
export function ProductsPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [sort, setSort] = useState<ProductSort>('name');
  const list = useProducts(search, categoryId, sort);
  const units = useAllUnits().data ?? [];
  const categories = useCategories().data ?? [];
  const names = catalogNames(units, categories);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<ProductView | null>(null);
  const [importing, setImporting] = useState(false);
  const [addingCategory, setAddingCategory] = useState(false);
  const writable = can(role, 'catalog:write');
  const selection = useRowSelection<ProductView>((product) => product.name);
  const products = list.data?.pages.flatMap((page) => page.items) ?? [];
  const categoryOptions = categoryTreeOptions(categoryTree(categories));
  const filtered = search !== '' || categoryId !== null;

  const columns: TableColumnsType<ProductView> = [
    {
      key: 'name',
      title: t('products.name'),
      render: (_, product) => <OpenCardLink onOpen={() => setEditing({ kind: 'open', product })}>{product.name}</OpenCardLink>,
    },
    { key: 'price', title: t('products.price'), align: 'right', render: (_, { price }) => <span style={{ whiteSpace: 'nowrap' }}>{formatRubles(price)}</span> },
    { key: 'unit', title: t('products.unitShort'), render: (_, { unitId }) => names.units.get(unitId)?.shortName },
    { key: 'vat', title: t('products.vat'), render: (_, { vat }) => vatLabel(vat) },
    { key: 'category', title: t('products.category'), render: (_, { categoryId: id }) => (id ? names.categories.get(id)?.name : null) },
    { key: 'article', title: t('products.article'), dataIndex: 'article' },
    { key: 'barcodes', title: t('products.barcodes'), render: (_, { barcodes }) => barcodes.join(', ') },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      width: 96,
      render: (_, product) => (
        <Space size="small">
          <Button type="text" aria-label={t('products.edit')} title={t('products.edit')} icon={<EditOutlined />} onClick={() => setEditing({ kind: 'open', product })} />
          <Button type="text" danger aria-label={t('products.delete')} title={t('products.delete')} icon={<DeleteOutlined />} onClick={() => setDeleting(product)} />
        </Space>
      ),
    });
  }

  return (
    <Card>
      <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 24 }}>
        <PageTitle>{t('products.title')}</PageTitle>
        <Space wrap>
          <ProductExportButton filters={{ search, categoryId, sort }} />
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
      <SearchBox value={query} onChange={setQuery} placeholder={t('products.search')} />
      <Flex gap="middle" wrap style={{ marginBottom: 16 }}>
        <TreeSelect
          aria-label={t('products.categoryFilter')}
          value={categoryId ?? undefined}
          onChange={(id: string | undefined) => setCategoryId(id ?? null)}
          treeData={categoryOptions}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          allowClear
          placeholder={t('products.allCategories')}
          style={{ minWidth: 260 }}
        />
        <Select<ProductSort>
          aria-label={t('products.sort')}
          value={sort}
          onChange={setSort}
          options={[
            { value: 'name', label: t('products.sortByName') },
            { value: 'price', label: t('products.sortByPrice') },
          ]}
          style={{ minWidth: 200 }}
        />
      </Flex>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Flex vertical gap="middle">
          {writable && <ProductBulkActions selected={selection.selected} units={units} categories={categories} onClear={selection.clear} />}
          <Table<ProductView>
            rowKey="id"
            rowSelection={writable ? selection.rowSelection : undefined}
            columns={columns}
            dataSource={products}
            loading={list.isPending}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : <Empty description={filtered ? t('products.notFound') : t('products.empty')} /> }}
            onRow={() => ({ 'data-testid': 'product-row' }) as HTMLAttributes<HTMLElement>}
          />
          <ShowMore list={list} label={t('products.showMore')} />
        </Flex>
      )}
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
