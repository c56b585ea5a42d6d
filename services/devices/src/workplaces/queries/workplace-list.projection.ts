import { WorkplaceEvents, type DeviceDescription, type WorkplaceType } from '@elk/contracts';
import { defineCollection, hasApplied, oneEventAtATime, type Projection } from '@elk/documents';
import { checkpointOf } from '@elk/eventstore';
import { parseEvent } from '@elk/service-kit';
import type { WorkplaceStatus } from '../workplace.decider';

/** A workplace as the list shows it, before the names of its sales point and employees are looked up. */
export interface WorkplaceDocument {
  organisationId: string;
  id: string;
  version: number;
  name: string;
  number: number;
  type: WorkplaceType;
  salesPointId: string;
  employeeId: string;
  status: WorkplaceStatus;
  device: DeviceDescription | null;
  activatedAt: string | null;
  activatedById: string | null;
  codeSentAt: string | null;
  codeExpiresAt: string | null;
  /** The credential in force (activated only): what terminals are authenticated against. */
  credentialId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const workplacesCollection = defineCollection<WorkplaceDocument>('devices.workplaces', {
  indexes: [{ fields: ['organisationId', 'number'] }, { fields: ['credentialId'] }],
  searchFields: ['name', 'number'],
});

/** The workplaces list (one document per workplace), and the credential each terminal is checked against. */
export const workplaceListProjection: Projection = {
  name: 'devices.workplaces.v1',
  collections: [workplacesCollection],
  handles: Object.keys(WorkplaceEvents),
  apply: oneEventAtATime(async (recorded, session) => {
    const event = parseEvent(WorkplaceEvents, recorded);
    const workplaces = session.collection(workplacesCollection);
    const { organisationId, workplaceId } = event.data;
    const current = await workplaces.get(workplaceId);
    const checkpoint = checkpointOf(recorded);
    if (hasApplied(current, checkpoint)) return;
    const save = (document: WorkplaceDocument) => workplaces.upsert(workplaceId, document, { checkpoint });
    if (event.type === 'WorkplaceAdded') {
      const { addedAt, workplaceId: id, ...fields } = event.data;
      await save({ ...fields, id, version: 1, status: 'not-activated', device: null, activatedAt: null, activatedById: null, codeSentAt: null, codeExpiresAt: null, credentialId: null, createdAt: addedAt, updatedAt: addedAt });
      return;
    }
    if (!current) return;
    const workplace = current.data;
    switch (event.type) {
      case 'WorkplaceUpdated': {
        const { updatedAt, workplaceId: _id, ...fields } = event.data;
        await save({ ...workplace, ...fields, organisationId, version: workplace.version + 1, updatedAt });
        return;
      }
      case 'WorkplaceDeleted':
        await workplaces.delete(workplaceId);
        return;
      case 'WorkplaceActivationCodeIssued': {
        const { employeeId, salesPointId, issuedAt, expiresAt } = event.data;
        const rebound = employeeId !== workplace.employeeId || salesPointId !== workplace.salesPointId;
        await save({ ...workplace, employeeId, salesPointId, version: workplace.version + (rebound ? 1 : 0), codeSentAt: issuedAt, codeExpiresAt: expiresAt, updatedAt: issuedAt });
        return;
      }
      case 'WorkplaceActivationFailed':
        return;
      case 'WorkplaceActivated': {
        const { device, credentialId, employeeId, activatedAt } = event.data;
        await save({ ...workplace, version: workplace.version + 1, status: 'activated', device, credentialId, activatedAt, activatedById: employeeId, codeExpiresAt: null, updatedAt: activatedAt });
        return;
      }
      case 'WorkplaceDeactivated':
        await save({ ...workplace, version: workplace.version + 1, status: 'deactivated', credentialId: null, updatedAt: event.data.deactivatedAt });
        return;
    }
  }),
};
