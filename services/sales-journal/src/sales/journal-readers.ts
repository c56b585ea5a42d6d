import { DomainError, parseListSort, type Actor, type GetSaleList, type GetTransactionList } from '@elk/contracts';
import type { FieldCondition, SortField, WhereClause } from '@elk/documents';
import { utc } from './queries/sale-list.projection';

/**
 * Who reads which sales: the Owner, the Administrator and the Manager every sale of their organisation; a Cashier only
 * the sales they created (an employee's id is their account's), and their transactions; a Guest none.
 * Returns the creating employee the actor is limited to, null for all.
 */
export function ownSalesOf(actor: Actor): string | null {
  if (actor.role === 'guest') throw new DomainError('FORBIDDEN', 'Журналы продаж и транзакций гостю недоступны');
  return actor.role === 'cashier' ? actor.accountId : null;
}

/** A period [from, to) of the terminals' time; no condition when neither is given. */
export function periodCondition(from: string | undefined, to: string | undefined): FieldCondition | undefined {
  if (from === undefined && to === undefined) return undefined;
  return { gte: from === undefined ? undefined : utc(from), lt: to === undefined ? undefined : utc(to) };
}

/** An amount from–to in kopecks, both included; no condition when neither is given. */
export function rangeCondition(min: number | undefined, max: number | undefined): FieldCondition | undefined {
  if (min === undefined && max === undefined) return undefined;
  return { gte: min, lte: max };
}

/** A journal's order: `occurredAt` is by the instant (`occurredAtUtc`, whatever the terminals' offsets); newest first unless asked. */
export function journalSort(sort: string | undefined): SortField[] {
  if (!sort) return [{ field: 'occurredAtUtc', direction: 'desc' }];
  const { field, direction } = parseListSort(sort);
  return [{ field: field === 'occurredAt' ? 'occurredAtUtc' : field, direction }];
}

/**
 * Журналы → Продажи's filters (the list's and its export's) as a find's `where`, the organisation aside; null when the
 * actor may see none of the sales (a Cashier asking for another employee's).
 */
export function saleListWhere(query: GetSaleList, actor: Actor): WhereClause | null {
  const own = ownSalesOf(actor);
  const { from, to, status, salesPointId, workplaceId, employeeId, sumFrom, sumTo, number, paymentMethod, fnNumber } = query;
  if (own && employeeId && employeeId !== own) return null;
  return {
    occurredAtUtc: periodCondition(from, to),
    status,
    'salesPoint.id': salesPointId,
    'workplace.id': workplaceId,
    'employee.id': own ?? employeeId,
    total: rangeCondition(sumFrom, sumTo),
    number,
    'fiscalDocument.fnNumber': fnNumber,
    ...(paymentMethod ? { [`paidWith.${paymentMethod}`]: true } : {}),
  };
}

/** Журналы → Транзакции's filters (the list's and its export's) as a find's `where`, the organisation aside. */
export function transactionListWhere(query: GetTransactionList, actor: Actor): WhereClause {
  const own = ownSalesOf(actor);
  const { from, to, salesPointId, workplaceId, employeeId, sumFrom, sumTo, kind, method, rrn, tid, cardLast4, sbpOperationId } = query;
  return {
    occurredAtUtc: periodCondition(from, to),
    'salesPoint.id': salesPointId,
    'workplace.id': workplaceId,
    'employee.id': employeeId,
    saleEmployeeId: own ?? undefined,
    amount: rangeCondition(sumFrom, sumTo),
    kind,
    method,
    rrn,
    tid,
    cardLast4,
    sbpOperationId,
  };
}
