import { BulkResult, EmployeeList, EmployeeView, InvitationSent, PinSent, UpdatedEmployee, type AddEmployeeRequest, type ConfirmEmployeePhoneRequest, type SendEmployeePinsRequest, type UpdateEmployeeRequest } from '@elk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../api/all-pages';
import { apiJson } from '../../api/api-client';
import { useIdempotentWrite } from '../../api/idempotent-write';
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

/** Every employee of the organisation: for the pickers of other cards. */
export function useAllEmployees() {
  return useQuery({ queryKey: [...ROOT_KEY, 'all'], queryFn: () => fetchAllPages('/employees', EmployeeList) });
}

/** The history of one employee sits under the root key: every change refreshes it. */
export function employeeHistorySource(id: string) {
  return { queryKey: [...ROOT_KEY, 'one', id] as const, path: `${employeePath(id)}/history` };
}

export function useAddEmployee() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (body: AddEmployeeRequest) => write('/employees', { method: 'POST', body }, EmployeeView),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
  });
}

export function useUpdateEmployee() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    /** A new phone comes back as `pendingPhone`: the card keeps the old one until the code sent to it is entered. */
    mutationFn: ({ id, body }: { id: string; body: UpdateEmployeeRequest }) => write(employeePath(id), { method: 'PUT', body }, UpdatedEmployee),
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
  const write = useIdempotentWrite();
  return useMutation({
    /** If-Match carries the version the user saw: an employee changed meanwhile is not deleted blindly. */
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      await write(employeePath(id), { method: 'DELETE', headers: { 'If-Match': String(version) } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

/** «Пригласить в кабинет»: an SMS with a one-time link to set a password; a new one voids the one before. */
export function useInviteEmployee() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiJson(`${employeePath(id)}/invitation`, InvitationSent, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
  });
}

/** «Отправить новый PIN-код»: the old PIN stops working, the new one goes by SMS. */
export function useSendEmployeePin() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (id: string) => write(`${employeePath(id)}/pin`, { method: 'POST' }, PinSent),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
  });
}

/** «Отправить PIN» to the selected employees: to whom it went, and who was refused and why. */
export function useSendEmployeePins() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (employeeIds: string[]) => write('/employees/pin', { method: 'POST', body: { employeeIds } satisfies SendEmployeePinsRequest }, BulkResult),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ROOT_KEY }),
  });
}
