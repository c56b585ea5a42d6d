import { z } from 'zod';
import { listPage } from '../common/list-query';
import { DeviceDescription, WORKPLACE_TYPES } from './workplace.events';

/** Bodies of /api/v1/workplaces (Настройки → Рабочие места). */

export const WORKPLACE_TYPE_LABELS_RU: Record<(typeof WORKPLACE_TYPES)[number], string> = {
  stationary: 'Стационарная',
  mobile: 'Мобильная',
  vending: 'Автомат',
};

const workplaceFields = {
  /** Наименование, e.g. «Касса №1». */
  name: z.string().trim().min(1).max(128),
  /** Номер: from 1 to 99, unique in the organisation. */
  number: z.number({ error: 'Введите номер от 1 до 99' }).int({ error: 'Номер — целое число от 1 до 99' }).min(1, { error: 'Номер — от 1 до 99' }).max(99, { error: 'Номер — от 1 до 99' }),
  type: z.enum(WORKPLACE_TYPES, { error: 'Выберите тип: стационарная, мобильная или автомат' }),
  salesPointId: z.uuid({ error: 'Выберите торговую точку' }),
  /** The employee the activation code goes to by SMS. */
  employeeId: z.uuid({ error: 'Выберите сотрудника' }),
};

export const AddWorkplaceRequest = z.strictObject(workplaceFields);
export type AddWorkplaceRequest = z.infer<typeof AddWorkplaceRequest>;

export const UpdateWorkplaceRequest = z.strictObject({ ...workplaceFields, expectedVersion: z.number().int().min(1) });
export type UpdateWorkplaceRequest = z.infer<typeof UpdateWorkplaceRequest>;

/** «Получить код активации»: to whom the SMS goes, and the sales point the workplace is bound to. */
export const IssueActivationCodeRequest = z.strictObject({ employeeId: workplaceFields.employeeId, salesPointId: workplaceFields.salesPointId });
export type IssueActivationCodeRequest = z.infer<typeof IssueActivationCodeRequest>;

export const WORKPLACE_STATUSES = ['not-activated', 'activated', 'deactivated'] as const;
export const WORKPLACE_STATUS_LABELS_RU: Record<(typeof WORKPLACE_STATUSES)[number], string> = {
  'not-activated': 'Не активировано',
  activated: 'Активировано',
  deactivated: 'Деактивировано',
};

export const WorkplaceView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  number: z.number().int(),
  type: z.enum(WORKPLACE_TYPES),
  salesPointId: z.uuid(),
  salesPointName: z.string(),
  employeeId: z.uuid(),
  /** «Фамилия Имя Отчество» of the employee. */
  employeeName: z.string(),
  status: z.enum(WORKPLACE_STATUSES),
  /** The terminal that activated it (while activated, and after deactivation: the last one). */
  device: DeviceDescription.nullable(),
  activatedAt: z.string().nullable(),
  /** Whose code activated it. */
  activatedByName: z.string().nullable(),
  /** When the newest activation code was sent, and until when it works (null once used). */
  codeSentAt: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkplaceView = z.infer<typeof WorkplaceView>;

/** The list, and the number the «+ Добавить» card suggests (null when 1–99 are all taken). */
export const WorkplaceList = listPage(WorkplaceView).extend({ nextFreeNumber: z.number().int().nullable().describe('Наименьший свободный номер от 1 до 99; null — заняты все') });

export const WORKPLACE_SORTS = ['number', 'name'] as const;
export type WorkplaceList = z.infer<typeof WorkplaceList>;
