import { can } from '@elk/auth';
import type { Role } from '@elk/contracts';
import { Button, DatePicker, Flex, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../forms/use-debounced';
import type { ListParams } from '../lists/use-list-params';
import { useAllEmployees } from '../settings/employees/employees-api';
import { useAllSalesPoints } from '../settings/sales-points/sales-points-api';
import { useAllWorkplaces } from './journals-api';
import { readsOnlyOwnSales } from './journal-permissions';

const TYPING_DELAY_MS = 400;

/** Anything that checks a typed filter as the server will: a field of the journal's query schema. */
interface FieldSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly { message: string }[] } };
}

/** The filters both journals have: the period and the place (sales point, workplace, employee), in the address by these names. */
export const PERIOD_AND_PLACE_FILTERS = ['from', 'to', 'salesPointId', 'workplaceId', 'employeeId', 'sumFrom', 'sumTo'] as const;

/** Whether any of the list's filters is set; `period` alone says whether only the period is. */
export function filtersSet(params: ListParams): { any: boolean; beyondPeriod: boolean } {
  const set = Object.entries(params.filters).filter(([, value]) => value);
  return { any: set.length > 0, beyondPeriod: set.some(([name]) => name !== 'from' && name !== 'to') };
}

/**
 * Период: whole days, with the presets Сегодня, Вчера, 7 дней, 30 дней, Этот месяц. In the address as the server takes
 * it, [from, to) in ISO 8601 with the browser's offset: 6 December is from 2026-12-06T00:00:00+03:00 to 2026-12-07T00:00:00+03:00.
 */
export function PeriodFilter({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  const { from, to } = params.filters;
  const today = dayjs().startOf('day');
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('journals.period.today'), value: [today, today] },
    { label: t('journals.period.yesterday'), value: [today.subtract(1, 'day'), today.subtract(1, 'day')] },
    { label: t('journals.period.week'), value: [today.subtract(6, 'day'), today] },
    { label: t('journals.period.month30'), value: [today.subtract(29, 'day'), today] },
    { label: t('journals.period.thisMonth'), value: [today.startOf('month'), today] },
  ];
  return (
    <DatePicker.RangePicker
      aria-label={t('journals.period.label')}
      placeholder={[t('journals.period.from'), t('journals.period.to')]}
      format="DD.MM.YYYY"
      allowEmpty={[true, true]}
      presets={presets}
      value={[from ? dayjs(from) : null, to ? dayjs(to).subtract(1, 'day') : null]}
      onChange={(range) =>
        params.change({
          from: range?.[0]?.startOf('day').format(),
          to: range?.[1]?.add(1, 'day').startOf('day').format(),
        })
      }
      style={{ width: 310 }}
    />
  );
}

/** A choice among fixed values (status, payment method, type): in the address by `name`, cleared with ✕. */
export function ChoiceFilter({ params, name, label, options, width = 180 }: { params: ListParams; name: string; label: string; options: { value: string; label: string }[]; width?: number }) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={label}
      placeholder={label}
      value={params.filters[name]}
      onChange={(value: string | undefined) => params.change({ [name]: value })}
      options={options}
      style={{ width }}
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * A typed filter (a sum, a number, an RRN): it goes to the address once the user pauses, if the journal's query takes
 * it; otherwise the field says why in the server's own words and the list keeps what it showed.
 */
export function TextFilter({ params, name, label, schema, width = 150 }: { params: ListParams; name: string; label: string; schema: FieldSchema; width?: number }) {
  const stored = params.filters[name] ?? '';
  const [text, setText] = useState(stored);
  const typed = useDebounced(text.trim(), TYPING_DELAY_MS);
  const problemId = useId();
  const problem = typed === '' ? null : (schema.safeParse(typed).error?.issues[0]?.message ?? null);
  // Only a new pause in typing writes the address, so that an address changed by «Назад» is not overwritten.
  useEffect(() => {
    if (problem === null && typed !== stored) params.change({ [name]: typed });
  }, [typed]);
  useEffect(() => {
    if (stored !== typed) setText(stored);
  }, [stored]);
  return (
    <Flex vertical style={{ width }}>
      <Input
        allowClear
        aria-label={label}
        placeholder={label}
        value={text}
        status={problem ? 'error' : undefined}
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => setText(event.target.value)}
      />
      {problem && (
        <Typography.Text type="danger" id={problemId} style={{ fontSize: 12 }}>
          {problem}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * Точка продаж, Рабочее место, Сотрудник: each for a role that may read that list; a Cashier, who reads only their own
 * sales, gets no employee choice.
 */
export function PlaceFilters({ params, role }: { params: ListParams; role: Role }) {
  return (
    <>
      {can(role, 'sales-points:read') && <SalesPointFilter params={params} />}
      {can(role, 'workplaces:read') && <WorkplaceFilter params={params} />}
      {!readsOnlyOwnSales(role) && can(role, 'employees:read') && <EmployeeFilter params={params} />}
    </>
  );
}

function SalesPointFilter({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  const salesPoints = useAllSalesPoints();
  const options = (salesPoints.data ?? []).map(({ id, name }) => ({ value: id, label: name }));
  return <ChoiceFilter params={params} name="salesPointId" label={t('journals.salesPoint')} options={options} width={200} />;
}

function WorkplaceFilter({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  const workplaces = useAllWorkplaces();
  const options = (workplaces.data ?? []).map(({ id, name, number }) => ({ value: id, label: t('journals.workplaceName', { name, number }) }));
  return <ChoiceFilter params={params} name="workplaceId" label={t('journals.workplace')} options={options} width={200} />;
}

function EmployeeFilter({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  const employees = useAllEmployees();
  const options = (employees.data ?? []).map(({ id, fullName }) => ({ value: id, label: fullName }));
  return <ChoiceFilter params={params} name="employeeId" label={t('journals.employee')} options={options} width={220} />;
}

/** «Сбросить фильтры», while any is set: the whole journal again. */
export function ResetFilters({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  if (!filtersSet(params).any) return null;
  return (
    <Button type="link" onClick={() => params.change(Object.fromEntries(Object.keys(params.filters).map((name) => [name, undefined])))}>
      {t('journals.resetFilters')}
    </Button>
  );
}
