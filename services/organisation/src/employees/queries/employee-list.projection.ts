import { EmployeeEvents, employeeFullName, type EmployeeView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

/** The card as the list shows it, with the phone's digits as people type them, for the search. */
export type EmployeeDocument = EmployeeView & { organisationId: string; phoneDigits: string };

export const employeesCollection = defineCollection<EmployeeDocument>('organisation.employees', {
  indexes: [{ fields: ['organisationId', 'fullName'] }],
  searchFields: ['fullName', 'email', 'phone', 'phoneDigits'],
});

/** +79123456789 → "79123456789 89123456789": found by «+7 912…», «8912…» and «912 345» alike. */
export function phoneDigits(phone: string): string {
  const national = phone.slice(2);
  return `7${national} 8${national}`;
}

/** What was typed in the search box: a phone fragment («+7 (912) 345», «8912») becomes its digits. */
export function searchTerm(search: string | undefined): string | undefined {
  return search && /^[\d\s()+-]*\d[\d\s()+-]*$/.test(search) ? search.replace(/\D/g, '') : search;
}

export const employeeListProjection = documentProjection<EmployeeDocument>({
  name: 'organisation.employees.v1',
  collection: employeesCollection,
  handles: Object.keys(EmployeeEvents),
  documentId: (recorded) => parseEvent(EmployeeEvents, recorded).data.employeeId,
  evolve: (current, recorded) => {
    const event = parseEvent(EmployeeEvents, recorded);
    switch (event.type) {
      case 'EmployeeAdded': {
        const { employeeId, addedAt, ...fields } = event.data;
        return { ...fields, id: employeeId, version: 1, fullName: employeeFullName(fields), phoneDigits: phoneDigits(fields.phone), createdAt: addedAt, updatedAt: addedAt };
      }
      case 'EmployeeUpdated': {
        if (!current) return null;
        const { employeeId, updatedAt, ...fields } = event.data;
        return { ...current, ...fields, id: employeeId, version: current.version + 1, fullName: employeeFullName(fields), phoneDigits: phoneDigits(fields.phone), updatedAt };
      }
      case 'EmployeePinSent':
        return current && { ...current, pinSentAt: event.data.sentAt };
      case 'EmployeeInvited':
        return current;
      case 'EmployeeDeleted':
        return null;
    }
  },
});
