import { can } from '@elk/auth';
import { LEGAL_ENTITY_TYPE_LABELS_RU, TAX_SYSTEM_LABELS_RU, legalEntityTitle, nameSpellsLegalForm, type LegalEntityView } from '@elk/contracts';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../forms/confirm-delete-modal';
import { useAccount } from '../../shell/account-context';
import { ForbiddenPage } from '../../shell/forbidden-page';
import { DataList } from '../../lists/data-list';
import { useListParams } from '../../lists/use-list-params';
import { OpenCardLink } from '../../shell/open-card-link';
import { PageHeader } from '../../shell/page-header';
import { useNarrowScreen } from '../../shell/use-narrow-screen';
import { usePageTitle } from '../../shell/use-page-title';
import { useDeleteLegalEntity, useLegalEntityList } from './legal-entities-api';
import { LegalEntityModal } from './legal-entity-modal';

/** Which card is open: none, «Новое юридическое лицо», or an existing one (read-only without legal-entities:write). */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; entity: LegalEntityView };

/** Настройки → Юридические лица: a card per legal entity (its name opens its card), «+ Добавить», the pencil and the red trash. */
export function LegalEntitiesPage() {
  const { t } = useTranslation();
  const { role } = useAccount();
  usePageTitle(t('legalEntities.title'));
  const params = useListParams();
  const list = useLegalEntityList(params);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [deleting, setDeleting] = useState<LegalEntityView | null>(null);

  if (!can(role, 'legal-entities:read')) return <ForbiddenPage />;
  const writable = can(role, 'legal-entities:write');

  return (
    <Card>
      <PageHeader title={t('legalEntities.title')} addLabel={t('legalEntities.add')} onAdd={writable ? () => setEditing({ kind: 'new' }) : null} />
      <DataList<LegalEntityView>
        list={list}
        params={params}
        searchPlaceholder={t('legalEntities.search')}
        emptyText={t('legalEntities.empty')}
        notFoundText={t('legalEntities.notFound')}
        itemTestId="legal-entity-card"
        sorts={[
          { field: 'name', label: t('legalEntities.name') },
          { field: 'inn', label: t('legalEntities.inn') },
        ]}
        renderCard={(entity) => (
          <LegalEntityCard entity={entity} writable={writable} onOpen={() => setEditing({ kind: 'open', entity })} onDelete={() => setDeleting(entity)} />
        )}
      />
      <LegalEntityModal
        open={editing.kind !== 'closed'}
        entity={editing.kind === 'open' ? editing.entity : null}
        readOnly={!writable}
        onClose={() => setEditing({ kind: 'closed' })}
      />
      <DeleteLegalEntityModal entity={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}

function LegalEntityCard({ entity, writable, onOpen, onDelete }: { entity: LegalEntityView; writable: boolean; onOpen: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const entrepreneur = entity.type === 'ip';
  return (
    <Card
      type="inner"
      title={
        <Space size="small" wrap style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
          {!nameSpellsLegalForm(entity.type, entity.name) && <Tag color="blue">{LEGAL_ENTITY_TYPE_LABELS_RU[entity.type]}</Tag>}
          <OpenCardLink onOpen={onOpen}>{entity.name}</OpenCardLink>
        </Space>
      }
      extra={
        writable && (
          <Space size="small">
            <Button type="text" aria-label={t('legalEntities.edit')} title={t('legalEntities.edit')} icon={<EditOutlined />} onClick={onOpen} />
            <Button type="text" danger aria-label={t('legalEntities.delete')} title={t('legalEntities.delete')} icon={<DeleteOutlined />} onClick={onDelete} />
          </Space>
        )
      }
    >
      <Descriptions
        column={1}
        size="small"
        layout={narrow ? 'vertical' : 'horizontal'}
        styles={{ label: { width: narrow ? undefined : 260 } }}
        items={[
          { key: 'inn', label: t('legalEntities.inn'), children: entity.inn },
          ...(entrepreneur ? [] : [{ key: 'kpp', label: t('legalEntities.kpp'), children: entity.kpp ?? '—' }]),
          { key: 'ogrn', label: entrepreneur ? t('legalEntities.ogrnip') : t('legalEntities.ogrn'), children: entity.ogrn },
          { key: 'legalAddress', label: t('legalEntities.legalAddress'), children: entity.legalAddress },
          { key: 'taxSystem', label: t('legalEntities.taxSystem'), children: TAX_SYSTEM_LABELS_RU[entity.taxSystem] },
          {
            key: 'token',
            label: t('legalEntities.tokenShort'),
            children: entity.chestnyZnakToken ?? <Typography.Text type="secondary">{t('legalEntities.tokenNotSet')}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

/** The confirm card before a delete: «Удалить юридическое лицо?», the name, Отмена / Удалить. */
function DeleteLegalEntityModal({ entity, onClose }: { entity: LegalEntityView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteLegalEntity();
  return (
    <ConfirmDeleteModal
      open={entity !== null}
      title={t('legalEntities.deleteTitle')}
      okText={t('legalEntities.delete')}
      description={entity && `${legalEntityTitle(entity)}, ${t('legalEntities.inn')} ${entity.inn}`}
      pending={remove.isPending}
      onDelete={() => remove.mutateAsync({ id: entity!.id, version: entity!.version }).then(() => undefined)}
      deletedMessage={t('legalEntities.deleted')}
      conflictMessage={t('legalEntities.versionConflict')}
      onClose={onClose}
    />
  );
}
