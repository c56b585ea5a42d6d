import { EmployeeEvents, LegalEntityEvents, OrganisationEvents, SalesPointEvents, type EmployeeUpdated, type LegalEntityAdded, type SalesPointUpdated } from '@elk/contracts';
import { defineIntegrationEvents } from '@elk/service-kit';

/** A legal entity's public fields: never the Честный Знак token, not even its ciphertext. */
const publicLegalEntity = ({ organisationId, legalEntityId, type, name, inn, kpp, ogrn, legalAddress, taxSystem }: Omit<LegalEntityAdded, 'addedAt'>) => ({
  organisationId,
  legalEntityId,
  type,
  name,
  inn,
  kpp,
  ogrn,
  legalAddress,
  taxSystem,
});

/** A sales point's card fields. */
const publicSalesPoint = ({ organisationId, salesPointId, name, legalEntityId, address, brand }: Omit<SalesPointUpdated, 'updatedAt'>) => ({
  organisationId,
  salesPointId,
  name,
  legalEntityId,
  address,
  brand,
});

/** Who an employee is to other services (devices: a workplace's employee, a terminal's cashier): no phone or email. */
const publicEmployee = ({ organisationId, employeeId, lastName, firstName, patronymic, role }: Omit<EmployeeUpdated, 'updatedAt'>) => ({
  organisationId,
  employeeId,
  lastName,
  firstName,
  patronymic,
  role,
});

/** What organisation publishes on `elk.evt.organisation.<EventType>`: a public contract, fields picked one by one. */
export const organisationIntegrationEvents = defineIntegrationEvents({
  service: 'organisation',
  streamPrefixes: ['organisation-', 'legal-entities-', 'sales-point-', 'employees-'],
  events: { ...OrganisationEvents, ...LegalEntityEvents, ...SalesPointEvents, ...EmployeeEvents },
  publicData: {
    OrganisationRegistered: ({ organisationId, name, owner, registeredAt }) => ({
      organisationId,
      name,
      owner: { accountId: owner.accountId, fullName: owner.fullName, phone: owner.phone, email: owner.email },
      registeredAt,
    }),
    LegalEntityAdded: (data) => ({ ...publicLegalEntity(data), addedAt: data.addedAt }),
    LegalEntityUpdated: (data) => ({ ...publicLegalEntity(data), updatedAt: data.updatedAt }),
    LegalEntityDeleted: ({ organisationId, legalEntityId, deletedAt }) => ({ organisationId, legalEntityId, deletedAt }),
    SalesPointAdded: (data) => ({ ...publicSalesPoint(data), paymentMethods: data.paymentMethods, addedAt: data.addedAt }),
    SalesPointUpdated: (data) => ({ ...publicSalesPoint(data), updatedAt: data.updatedAt }),
    SalesPointPaymentMethodsSet: ({ organisationId, salesPointId, paymentMethods, setAt }) => ({ organisationId, salesPointId, paymentMethods, setAt }),
    SalesPointDeleted: ({ organisationId, salesPointId, deletedAt }) => ({ organisationId, salesPointId, deletedAt }),
    EmployeeAdded: (data) => ({ ...publicEmployee(data), addedAt: data.addedAt }),
    EmployeeUpdated: (data) => ({ ...publicEmployee(data), updatedAt: data.updatedAt }),
    EmployeePinSent: null,
    EmployeeInvited: null,
    EmployeeDeleted: ({ organisationId, employeeId, deletedAt }) => ({ organisationId, employeeId, deletedAt }),
  },
});
