import { can } from '@elk/auth';
import type { CategoryView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tree, Typography, type TreeDataNode } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { ReplacementPick } from '../../forms/replacement-pick';
import { useAccount } from '../../shell/account-context';
import { ListStatus } from '../../shell/list-status';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { useNarrowScreen } from '../../shell/use-narrow-screen';
import { usePageTitle } from '../../shell/use-page-title';
import { PRODUCTS_ROOT_KEY, useProductCount } from '../products/products-api';
import { useCategories, useDeleteCategory } from './categories-api';
import { CategoryModal } from './category-modal';
import { categoryTree, categoryTreeOptions, type CategoryNode } from './category-tree';

/** Which card is open: none, «Новая категория», or an existing one (read-only without catalog:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; category: CategoryView };

/** The pencil and the trash of a category: only with catalog:write. */
interface CategoryActions {
  onEdit: (category: CategoryView) => void;
  onDelete: (node: CategoryNode) => void;
}

/** Каталог → Категории: the tree of any depth (a name opens its card), «+ Категорию», a pencil and a trash on the hovered category. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('categories.title'));
  const list = useCategories();
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<CategoryNode | null>(null);
  /** Every branch is open unless the user folded it: a new subcategory shows at once. */
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const writable = can(role, 'catalog:write');
  const categories = list.data ?? [];
  const tree = categoryTree(categories);
  const open = (category: CategoryView) => setEditing({ kind: 'open', category });
  const actions: CategoryActions | null = writable ? { onEdit: open, onDelete: setDeleting } : null;
  const parents = new Set(categories.map(({ parentId }) => parentId));
  const branches = categories.filter(({ id }) => parents.has(id)).map(({ id }) => id);

  return (
    <Card>
      <PageHeader title={t('categories.title')} addLabel={t('categories.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <ListStatus list={list} empty={tree.length === 0 ? t('categories.empty') : null}>
        <Tree<CategoryTreeNode>
          blockNode
          selectable={false}
          expandedKeys={branches.filter((id) => !folded.has(id))}
          onExpand={(_, { expanded, node }) => {
            const next = new Set(folded);
            if (expanded) next.delete(String(node.key));
            else next.add(String(node.key));
            setFolded(next);
          }}
          treeData={treeNodes(tree)}
          titleRender={({ entry }) => <CategoryTitle node={entry} onOpen={open} actions={actions} />}
        />
      </ListStatus>
      <CategoryModal
        open={editing.kind !== 'closed'}
        category={editing.kind === 'open' ? editing.category : null}
        categories={categories}
        readOnly={!writable}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <DeleteCategoryModal
        node={deleting}
        parent={categories.find(({ id }) => id === deleting?.category.parentId)}
        categories={categories}
        onClose={() => setDeleting(null)}
      />
    </Card>
  );
}

/** A node of antd's Tree carrying its category. */
type CategoryTreeNode = TreeDataNode & { entry: CategoryNode };

function treeNodes(nodes: readonly CategoryNode[]): CategoryTreeNode[] {
  return nodes.map((entry) => ({ key: entry.category.id, title: entry.category.name, entry, children: treeNodes(entry.children) }));
}

/** A category's name (opening its card) and description; a pencil and a trash while the pointer (or the keyboard focus) is on it. */
function CategoryTitle({ node, onOpen, actions }: { node: CategoryNode; onOpen: (category: CategoryView) => void; actions: CategoryActions | null }) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const [active, setActive] = useState(false);
  const { category } = node;
  return (
    <Flex
      data-testid="category-node"
      justify="space-between"
      align="center"
      gap="small"
      onMouseEnter={() => setActive(true)}
      onMouseLeave={() => setActive(false)}
      onFocus={() => setActive(true)}
      onBlur={() => setActive(false)}
    >
      <Typography.Text ellipsis={{ tooltip: category.description ? `${category.name} — ${category.description}` : category.name }}>
        <OpenCardLink onOpen={() => onOpen(category)}>{category.name}</OpenCardLink>
        {category.description && <Typography.Text type="secondary"> — {category.description}</Typography.Text>}
      </Typography.Text>
      {actions && (
        <Space size={0} style={{ opacity: active || narrow ? 1 : 0 }}>
          <Button
            type="text"
            size="small"
            aria-label={t('categories.edit')}
            title={t('categories.edit')}
            icon={<EditOutlined />}
            onClick={(event) => {
              event.stopPropagation();
              actions.onEdit(category);
            }}
          />
          <Button
            type="text"
            size="small"
            danger
            aria-label={t('categories.delete')}
            title={t('categories.delete')}
            icon={<DeleteOutlined />}
            onClick={(event) => {
              event.stopPropagation();
              actions.onDelete(node);
            }}
          />
        </Space>
      )}
    </Flex>
  );
}

/**
 * The confirm card before a delete. A category with subcategories or products names them and offers to move them
 * one level up (a top-level category's products go to the general list); if the server still refuses (a product
 * or a subcategory added meanwhile), its message shows in the card.
 */
function DeleteCategoryModal({ node, parent, categories, onClose }: { node: CategoryNode | null; parent: CategoryView | undefined; categories: readonly CategoryView[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useDeleteCategory();
  const productCount = useProductCount(node && { categoryId: node.category.id });
  const [replacement, setReplacement] = useState<string | null>(null);
  const children = node?.children ?? [];
  const products = productCount.data ?? 0;
  const moveContentsUp = children.length > 0 || products > 0;
  const whatMoves = products === 0 ? 'children' : children.length === 0 ? 'products' : 'contents';
  const chosen = categories.find(({ id }) => id === replacement);
  const close = () => {
    setReplacement(null);
    onClose();
  };
  return (
    <ConfirmDeleteModal
      open={node !== null}
      title={t('categories.deleteTitle')}
      okText={moveContentsUp ? t('categories.moveContentsUp') : t('categories.delete')}
      description={
        node && (
          <>
            «{node.category.name}»
            {moveContentsUp && (
              <Typography.Text type="secondary" data-testid="category-contents">
                {children.length > 0 && (
                  <>
                    <br />
                    {t('categories.deleteWithChildren', { names: children.map(({ category }) => `«${category.name}»`).join(', ') })}
                  </>
                )}
                {products > 0 && (
                  <>
                    <br />
                    {t(children.length > 0 ? 'categories.deleteWithProductsAndChildren' : 'categories.deleteWithProducts', { count: products })}
                  </>
                )}
                <br />
                {chosen
                  ? `${children.length > 0 ? `${t('categories.childrenMoveUp')} ` : ''}${t('categories.productsMoveToChosen', { category: chosen.name })}`
                  : t(`categories.${whatMoves}${parent ? 'MoveTo' : 'MoveToTop'}`, { parent: parent?.name })}
              </Typography.Text>
            )}
            {products > 0 && (
              <ReplacementPick
                label={t('categories.productsGoTo')}
                value={replacement}
                onChange={setReplacement}
                treeData={categoryTreeOptions(categoryTree(categories), node.category.id)}
                placeholder={parent ? t('categories.productsGoToParent', { parent: parent.name }) : t('categories.productsGoToTop')}
              />
            )}
          </>
        )
      }
      pending={remove.isPending || productCount.isLoading}
      onDelete={() =>
        remove
          .mutateAsync({
            id: node!.category.id,
            version: node!.category.version,
            params: moveContentsUp ? { mode: 'move-contents-up', ...(replacement === null ? {} : { replaceWith: replacement }) } : undefined,
          })
          .then(() => undefined)
      }
      deletedMessage={t('categories.deleted')}
      conflictMessage={t('categories.versionConflict')}
      onClose={close}
      // Moved products show another category in «Все товары».
      onDeleted={() => void queryClient.invalidateQueries({ queryKey: PRODUCTS_ROOT_KEY })}
    />
  );
}
