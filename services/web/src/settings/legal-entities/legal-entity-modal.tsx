import {
  AddLegalEntityRequest,
  LEGAL_ENTITY_TYPE_LABELS_RU,
  LEGAL_ENTITY_TYPES,
  TAX_SYSTEM_LABELS_RU,
  TAX_SYSTEMS,
  UpdateLegalEntityRequest,
  type LegalEntityType,
  type LegalEntityView,
  type TaxSystem,
} from '@elk/contracts';
import { Alert, App, Button, Col, Flex, Row, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CardButtons } from '../../forms/card-buttons';
import { CardModal, useUnsavedInput } from '../../forms/card-modal';
import { FormField } from '../../forms/form-field';
import { FormSelect } from '../../forms/form-select';
import { OfflineAlert } from '../../forms/offline-alert';
import { ProblemAlert } from '../../forms/problem-alert';
import { requestResolver } from '../../forms/request-resolver';
import { useFormProblem } from '../../forms/use-form-problem';
import { useSaveCard } from '../../forms/use-save-card';
import { VerticalForm } from '../../forms/vertical-form';
import { LoadFailed } from '../../shell/load-failed';
import { useAddLegalEntity, useLegalEntities, useUpdateLegalEntity } from './legal-entities-api';
import { LegalEntityHistory } from './legal-entity-history';

/** What the inputs hold; empty strings become «no value» when the request is built. */
interface LegalEntityFormValues {
  type: LegalEntityType;
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  legalAddress: string;
  taxSystem: TaxSystem | undefined;
  chestnyZnakToken: string;
}

/** The body a valid card submits: AddLegalEntityRequest, plus expectedVersion when editing. */
type LegalEntityBody = AddLegalEntityRequest & { expectedVersion?: number };

const FIELDS = ['type', 'name', 'inn', 'kpp', 'ogrn', 'legalAddress', 'taxSystem', 'chestnyZnakToken'] as const;

const TYPE_OPTIONS = LEGAL_ENTITY_TYPES.map((value) => ({ value, label: LEGAL_ENTITY_TYPE_LABELS_RU[value] }));
const TAX_SYSTEM_OPTIONS = TAX_SYSTEMS.map((value) => ({ value, label: TAX_SYSTEM_LABELS_RU[value] }));

/** The form's values as the contract wants them: ИП sends no КПП, an empty token keeps the stored one. */
function requestInput(values: LegalEntityFormValues, version: number | undefined): Record<string, unknown> {
  const token = values.chestnyZnakToken.trim();
  return {
    type: values.type,
    name: values.name,
    inn: values.inn,
    kpp: values.type === 'ip' ? null : values.kpp.trim() || null,
    ogrn: values.ogrn,
    legalAddress: values.legalAddress,
    taxSystem: values.taxSystem,
    ...(token ? { chestnyZnakToken: token } : {}),
    ...(version === undefined ? {} : { expectedVersion: version }),
  };
}

/** Validates with the same zod schemas as the server (Add for a new card, Update with the version seen). */
function legalEntityResolver(entity: LegalEntityView | null): Resolver<LegalEntityFormValues, unknown, LegalEntityBody> {
  return requestResolver(entity ? UpdateLegalEntityRequest : AddLegalEntityRequest, (values: LegalEntityFormValues) => requestInput(values, entity?.version));
}

/** The organisation's tax system, when its legal entities have one (they share it): a new legal entity starts with it. */
function organisationTaxSystem(entities: readonly LegalEntityView[]): TaxSystem | undefined {
  const systems = new Set(entities.map(({ taxSystem }) => taxSystem));
  return systems.size === 1 ? [...systems][0] : undefined;
}

function defaultsOf(entity: LegalEntityView | null, taxSystem: TaxSystem | undefined): LegalEntityFormValues {
  return {
    type: entity?.type ?? 'ooo',
    name: entity?.name ?? '',
    inn: entity?.inn ?? '',
    kpp: entity?.kpp ?? '',
    ogrn: entity?.ogrn ?? '',
    legalAddress: entity?.legalAddress ?? '',
    taxSystem: entity?.taxSystem ?? taxSystem,
    chestnyZnakToken: '',
  };
}

interface LegalEntityModalProps {
  open: boolean;
  /** null: «Новое юридическое лицо». */
  entity: LegalEntityView | null;
  /** Every field shown disabled, only «Закрыть»: a role without legal-entities:write. */
  readOnly?: boolean;
  onClose: () => void;
}

/**
 * The card «Новое юридическое лицо» or «Юридическое лицо» (maybe read-only); its form is rebuilt each time it opens,
 * once the organisation's legal entities are loaded (a new one starts with their tax system; changing it asks about
 * the others).
 */
export function LegalEntityModal({ open, entity, readOnly = false, onClose }: LegalEntityModalProps) {
  const { t } = useTranslation();
  const legalEntities = useLegalEntities();
  return (
    <CardModal open={open} title={entity ? t('legalEntities.editTitle') : t('legalEntities.newTitle')} width={640} onClose={onClose}>
      {legalEntities.isSuccess ? (
        <LegalEntityForm key={entity?.id ?? 'new'} entity={entity} legalEntities={legalEntities.data} readOnly={readOnly} onDone={onClose} />
      ) : legalEntities.isError ? (
        <LoadFailed error={legalEntities.error} onRetry={() => void legalEntities.refetch()} />
      ) : (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      )}
    </CardModal>
  );
}

interface LegalEntityFormProps {
  entity: LegalEntityView | null;
  /** Every legal entity of the organisation. */
  legalEntities: readonly LegalEntityView[];
  readOnly: boolean;
  onDone: () => void;
}

function LegalEntityForm({ entity, legalEntities, readOnly, onDone }: LegalEntityFormProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const add = useAddLegalEntity();
  const update = useUpdateLegalEntity();
  const [removeToken, setRemoveToken] = useState(false);
  const { control, handleSubmit, setError, formState } = useForm<LegalEntityFormValues, unknown, LegalEntityBody>({
    resolver: legalEntityResolver(entity),
    defaultValues: defaultsOf(entity, organisationTaxSystem(legalEntities)),
  });
  const { problem, report, clear } = useFormProblem(setError, FIELDS);
  useUnsavedInput(formState.isDirty || removeToken);
  const { conflict, offline, retrying, save, retry } = useSaveCard(report, clear, onDone);
  const type = useWatch({ control, name: 'type' });
  const entrepreneur = type === 'ip';

  const confirmTaxSystemForAll = async (taxSystem: TaxSystem, others: LegalEntityView[]): Promise<boolean> => {
    const confirmed = await modal.confirm({
      title: t('legalEntities.taxSystemForAllTitle'),
      content: t('legalEntities.taxSystemForAllText', {
        taxSystem: TAX_SYSTEM_LABELS_RU[taxSystem],
        names: others.map(({ name }) => `«${name}»`).join(', '),
      }),
      okText: t('legalEntities.taxSystemForAllOk'),
      cancelText: t('common.cancel'),
    });
    return confirmed;
  };

  const onSubmit = handleSubmit((body) =>
    save(async () => {
      if (!entity) {
        await add.mutateAsync(body);
        return t('legalEntities.added');
      }
      const { expectedVersion, ...fields } = body;
      const token = removeToken ? { chestnyZnakToken: null } : {};
      const others = legalEntities.filter(({ id }) => id !== entity.id);
      // The organisation has one tax system: changing it here changes it for the others too, once the user agrees.
      const changeTaxSystemForAll = fields.taxSystem !== entity.taxSystem && others.length > 0;
      if (changeTaxSystemForAll && !(await confirmTaxSystemForAll(fields.taxSystem, others))) return null;
      const forAll = changeTaxSystemForAll ? { changeTaxSystemForAll } : {};
      await update.mutateAsync({ id: entity.id, body: { ...fields, ...token, ...forAll, expectedVersion: expectedVersion ?? entity.version } });
      return t('legalEntities.saved');
    }),
  );

  const storedToken = entity?.chestnyZnakToken ?? null;
  const tokenHint = readOnly ? (
    <Typography.Text type="secondary">{storedToken ? t('legalEntities.tokenStored', { masked: storedToken }) : t('legalEntities.tokenNotSet')}</Typography.Text>
  ) : entity ? (
    <Flex vertical gap={4} style={{ marginTop: 4 }}>
      <Typography.Text type="secondary">{t('legalEntities.tokenKeepHint')}</Typography.Text>
      {storedToken && (
        <Flex gap="small" align="center" wrap>
          <Typography.Text type={removeToken ? 'danger' : 'secondary'}>
            {removeToken ? t('legalEntities.tokenRemoved') : t('legalEntities.tokenStored', { masked: storedToken })}
          </Typography.Text>
          <Button size="small" type="link" danger={!removeToken} onClick={() => setRemoveToken((removing) => !removing)}>
            {removeToken ? t('legalEntities.tokenUndoRemove') : t('legalEntities.tokenRemove')}
          </Button>
        </Flex>
      )}
    </Flex>
  ) : undefined;

  return (
    <>
      {conflict && <Alert type="warning" showIcon title={t('legalEntities.versionConflict')} style={{ marginBottom: 16 }} />}
      <ProblemAlert problem={problem} />
      {offline && <OfflineAlert onRetry={() => void retry()} retrying={retrying} />}
      <VerticalForm onSubmit={onSubmit} readOnly={readOnly}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <FormSelect control={control} name="type" label={t('legalEntities.type')} options={TYPE_OPTIONS} />
          </Col>
          <Col xs={24} sm={16}>
            <FormField control={control} name="name" label={t('legalEntities.name')} maxLength={255} autoFocus />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={entrepreneur ? 12 : 8}>
            <FormField control={control} name="inn" label={t('legalEntities.inn')} inputMode="numeric" maxLength={12} />
          </Col>
          {!entrepreneur && (
            <Col xs={24} sm={8}>
              <FormField control={control} name="kpp" label={t('legalEntities.kpp')} maxLength={9} />
            </Col>
          )}
          <Col xs={24} sm={entrepreneur ? 12 : 8}>
            <FormField
              control={control}
              name="ogrn"
              label={entrepreneur ? t('legalEntities.ogrnip') : t('legalEntities.ogrn')}
              inputMode="numeric"
              maxLength={15}
            />
          </Col>
        </Row>
        <FormField control={control} name="legalAddress" label={t('legalEntities.legalAddress')} maxLength={500} />
        <FormSelect
          control={control}
          name="taxSystem"
          label={t('legalEntities.taxSystem')}
          options={TAX_SYSTEM_OPTIONS}
          placeholder={t('legalEntities.taxSystemPlaceholder')}
          hint={t('legalEntities.taxSystemHint')}
        />
        <FormField
          control={control}
          name="chestnyZnakToken"
          label={t('legalEntities.token')}
          password
          required={false}
          autoComplete="off"
          disabled={removeToken}
          extra={tokenHint}
        />
        <CardButtons submitLabel={entity ? t('common.save') : t('legalEntities.submitAdd')} submitting={formState.isSubmitting} readOnly={readOnly} />
      </VerticalForm>
      {entity && <LegalEntityHistory id={entity.id} type={entity.type} />}
    </>
  );
}
