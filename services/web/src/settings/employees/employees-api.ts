import { EmployeeList, EmployeeView, PinSent, UpdatedEmployee, type AddEmployeeRequest, type ConfirmEmployeePhoneRequest, type UpdateEmployeeRequest } from '@elk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall, apiJson } from '../../api/api-client';
import { newIdempotencyKey } from '../../api/idempotency-key';
import { ME_KEY } from '../../api/me';
import { refetchOnConflict } from '../../api/refetch-on-conflict';
import { useSearchList, type ListRequest } from '../../api/search-list';

const ROOT_KEY = ['employees'] as const;

function employeePath(id: string): string {
  return `/employees/${encodeURIComponent(id)}`;
}

/** The list, filtered on the server by full name, email or phone. */
export function useEmployees(request: ListRequest) {
  return useSearchList(ROOT_KEY, '/employees', EmployeeList, request);
}

/** The history of one employee sits under the root key: every change refreshes it. */
export function employeeHistorySource(id: string) {
  return { queryKey: [...ROOT_KEY, 'one', id] as const, path: `${employeePath(id)}/history` };
}

export function useAddEmployee() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddEmployeeRequest) =>
      apiJson('/employees', EmployeeView, { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
  });
}

export function useUpdateEmployee() {
  const queryClient = useQueryClient();
  return useMutation({
    /** A new phone comes back as `pendingPhone`: the card keeps the old one until the code sent to it is entered. */
    mutationFn: ({ id, body }: { id: string; body: UpdateEmployeeRequest }) => apiJson(employeePath(id), UpdatedEmployee, { method: 'PUT', body }),
    // The employee may be the signed-in account: Личные данные and what the role may do follow at once.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ROOT_KEY }), queryClient.invalidateQueries({ queryKey: ME_KEY })]),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

/** The code from the SMS to the new phone: the phone becomes the employee's login and the card's phone. */
export function useConfirmEmployeePhone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConfirmEmployeePhoneRequest }) => apiJson(`${employeePath(id)}/phone-confirmation`, EmployeeView, { method: 'POST', body }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ROOT_KEY }), queryClient.invalidateQueries({ queryKey: ME_KEY })]),
  });
}

export function useDeleteEmployee() {
  const queryClient = useQueryClient();
  return useMutation({
    /** If-Match carries the version the user saw: an employee changed meanwhile is not deleted blindly. */
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      await apiCall(employeePath(id), { method: 'DELETE', headers: { 'If-Match': String(version) } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

/** «Отправить новый PIN-код»: the old PIN stops working, the new one goes by SMS. */
export function useSendEmployeePin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiJson(`${employeePath(id)}/pin`, PinSent, { method: 'POST', headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
  });
}
