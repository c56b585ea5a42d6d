import dayjs from 'dayjs';
import type { ParseKeys } from 'i18next';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CardModal } from '../../forms/card-modal';
import { FormField } from '../../forms/form-field';
import { VerticalForm } from '../../forms/vertical-form';
import { ChangeHistory } from '../../history/change-history';
import { EquipmentOperations } from './equipment-operations';
import { equipmentHistorySource, type EquipmentTab } from './pos-equipment-api';

/** What every device's card shows besides its own details. */
interface EquipmentViewCommon {
  id: string;
  /** A fiscal register's ФН: its sales in the journal. */
  fnNumber?: string;
  /** A bank terminal's TID: its transactions. */
  tid?: string;
  workplaceName: string;
  salesPointName: string;
  firstReportedAt: string;
  lastReportedAt: string;
}

/** The card's fields in order: the device's details (by their labels in posEquipment.*), then where and when. */
export type EquipmentFields<V> = ReadonlyArray<keyof V & keyof typeof FIELD_LABELS>;

const FIELD_LABELS = {
  model: 'posEquipment.model',
  firmwareVersion: 'posEquipment.firmwareVersion',
  serialNumber: 'posEquipment.serialNumber',
  ffdVersion: 'posEquipment.ffdVersion',
  registrationNumber: 'posEquipment.registrationNumber',
  fnNumber: 'posEquipment.fnNumber',
  tid: 'posEquipment.tid',
  mid: 'posEquipment.mid',
  workplaceName: 'posEquipment.workplace',
  salesPointName: 'posEquipment.salesPoint',
} as const satisfies Record<string, ParseKeys>;

const PLACE_FIELDS = ['workplaceName', 'salesPointName'] as const;
const formatTime = (at: string) => dayjs(at).format('DD.MM.YYYY HH:mm');

/**
 * A fiscal register's or bank terminal's card, read only (terminals report them; nobody edits them): the details,
 * the workplace and sales point it stands at, when it was first and last reported, its operations (the journals'
 * sales or transactions made with it) and its history.
 */
export function EquipmentCard<V extends EquipmentViewCommon>({ tab, title, device, fields, onClose }: { tab: EquipmentTab; title: string; device: V | null; fields: EquipmentFields<V>; onClose: () => void }) {
  return (
    <CardModal open={device !== null} title={title} width={560} onClose={onClose}>
      {device && <EquipmentDetails key={device.id} tab={tab} device={device} fields={fields} />}
    </CardModal>
  );
}

function EquipmentDetails<V extends EquipmentViewCommon>({ tab, device, fields }: { tab: EquipmentTab; device: V; fields: EquipmentFields<V> }) {
  const { t } = useTranslation();
  const shown: Array<keyof typeof FIELD_LABELS> = [...fields, ...PLACE_FIELDS];
  const values: Record<string, string> = {
    ...Object.fromEntries(shown.map((field) => [field, String(device[field as keyof V])])),
    firstReportedAt: formatTime(device.firstReportedAt),
    lastReportedAt: formatTime(device.lastReportedAt),
  };
  const { control } = useForm<Record<string, string>>({ defaultValues: values });
  return (
    <>
      <VerticalForm readOnly onSubmit={() => undefined}>
        {shown.map((field) => (
          <FormField key={field} control={control} name={field} label={t(FIELD_LABELS[field])} />
        ))}
        <FormField control={control} name="firstReportedAt" label={t('posEquipment.firstReportedAt')} />
        <FormField control={control} name="lastReportedAt" label={t('posEquipment.lastReportedAt')} />
      </VerticalForm>
      <EquipmentOperations tab={tab} device={device} />
      <ChangeHistory source={{ ...equipmentHistorySource(tab, device.id), fieldLabels: FIELD_LABELS }} />
    </>
  );
}
