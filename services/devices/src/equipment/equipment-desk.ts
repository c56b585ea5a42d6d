import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError, type EquipmentPlace, type EquipmentReportOutcome, type History, type ListQuery, type TerminalDevice } from '@elk/contracts';
import { defineCollection, type DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, organisationDocument, organisationListPage, recordHistory, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { DevicesProjections } from '../devices.projections';
import { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { workplacesCollection } from '../workplaces/queries/workplace-list.projection';
import type { EquipmentState, ReportDevice } from './equipment.decider';
import { changeOf, deviceIdOf, streamIdOf, type AnyEquipmentEvent, type EquipmentDocument, type EquipmentKind } from './equipment-kinds';

/**
 * When each device was last reported, by its id. Not an event: a report of what is known records nothing, yet the card
 * says when the terminal last reported it (decision 0015).
 */
const sightings = defineCollection<{ organisationId: string; lastReportedAt: string }>('devices.equipment-sightings');

/** A device as the cabinet shows it: the current names of its workplace and sales point, and when it was last reported. */
export type EquipmentView<D> = Omit<EquipmentDocument<D>, 'organisationId'> & { lastReportedAt: string };

const notActivated = () => new DomainError('UNAUTHENTICATED', 'Терминал не активирован');

/** The steps of `POST /pos/v1/equipment` and of the cabinet's POS оборудование, for either kind of device. */
@Injectable()
export class EquipmentDesk implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: OrganisationDirectory,
    private readonly projections: DevicesProjections,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.documents.ensureCollections([sightings]);
  }

  /** Where the terminal stands now: its workplace and sales point, with their names. */
  async placeOf(device: TerminalDevice): Promise<EquipmentPlace> {
    const workplace = (await this.documents.collection(workplacesCollection).get(device.workplaceId))?.data;
    if (!workplace || workplace.organisationId !== device.organisationId) throw notActivated();
    const salesPointName = (await this.directory.names('sales-point', device.organisationId, [device.salesPointId])).get(device.salesPointId) ?? '';
    return { workplaceId: device.workplaceId, workplaceName: workplace.name, salesPointId: device.salesPointId, salesPointName };
  }

  /** Records what the report changes (nothing when it is known), once the list shows it; the terminal's workplace is the actor. */
  async report<D extends object>(kind: EquipmentKind<D>, device: TerminalDevice, place: EquipmentPlace, details: D, context: BusHandlerContext): Promise<EquipmentReportOutcome> {
    const { organisationId } = device;
    const deviceId = deviceIdOf(kind, organisationId, details);
    const streamId = streamIdOf(kind, organisationId, deviceId);
    const at = this.clock.now().toISOString();
    const command = { type: 'ReportDevice' as const, organisationId, deviceId, details, place, at };
    const result = await handleCommand(this.eventStore, streamId, kind.decider, command, busCommandMetadata(context, organisationId, device.workplaceId));
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    await this.documents.collection(sightings).upsert(deviceId, { organisationId, lastReportedAt: at });
    return { id: deviceId, changes: result.newEvents.map(changeOf) };
  }

  async list<D extends object>(kind: EquipmentKind<D>, organisationId: string, query: ListQuery & { sort?: string | undefined }) {
    const page = await organisationListPage<Omit<EquipmentDocument<D>, 'organisationId'>>(this.documents, kind.collection, organisationId, query, { defaultSort: [{ field: kind.key }] });
    return { ...page, items: await this.views(organisationId, page.items) };
  }

  /** The card; another organisation's device does not exist for the actor. */
  async get<D extends object>(kind: EquipmentKind<D>, organisationId: string, deviceId: string): Promise<EquipmentView<D>> {
    const document = await organisationDocument<Omit<EquipmentDocument<D>, 'organisationId'>>(this.documents, kind.collection, organisationId, deviceId);
    if (!document) throw new DomainError('NOT_FOUND', kind.notFound);
    const [view] = await this.views(organisationId, [document]);
    return view!;
  }

  /** «История изменений» from the device's stream, oldest first; the actor of each entry is the terminal that reported. */
  async history<D extends object>(kind: EquipmentKind<D>, organisationId: string, deviceId: string): Promise<History> {
    const { events } = await this.eventStore.readStream(streamIdOf(kind, organisationId, deviceId));
    type Shown = D & Pick<EquipmentPlace, 'workplaceName' | 'salesPointName'>;
    const drafts = recordHistory<ReportDevice<D>, AnyEquipmentEvent<D>, EquipmentState<D>, Shown>(events, {
      decider: kind.decider,
      recordIn: ({ device }) => (device ? { ...device.details, workplaceName: device.place.workplaceName, salesPointName: device.place.salesPointName } : undefined),
      actionOf: changeOf,
      tracked: [...kind.detailFields, 'workplaceName', 'salesPointName'] as Array<keyof Shown & string>,
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', kind.notFound);
    const workplaces = new Map<string, string>();
    for (const event of events) {
      const { place, to } = event.data as { place?: EquipmentPlace; to?: EquipmentPlace };
      const reportedAt = place ?? to;
      if (reportedAt) workplaces.set(reportedAt.workplaceId, reportedAt.workplaceName);
    }
    return {
      items: drafts.map(({ accountId, ...entry }) => {
        const name = workplaces.get(accountId);
        return { ...entry, actor: { accountId, fullName: name === undefined ? null : `Терминал рабочего места «${name}»` } };
      }),
    };
  }

  private async views<D>(organisationId: string, documents: ReadonlyArray<Omit<EquipmentDocument<D>, 'organisationId'>>): Promise<Array<EquipmentView<D>>> {
    const salesPoints = await this.directory.names('sales-point', organisationId, documents.map((document) => document.salesPointId));
    const workplaceNames = new Map<string, string>();
    for (const workplaceId of new Set(documents.map((document) => document.workplaceId))) {
      const workplace = (await this.documents.collection(workplacesCollection).get(workplaceId))?.data;
      if (workplace?.organisationId === organisationId) workplaceNames.set(workplaceId, workplace.name);
    }
    const seen = await Promise.all(documents.map(async (document) => (await this.documents.collection(sightings).get(document.id))?.data.lastReportedAt));
    // A deleted workplace or sales point keeps the name it had when the device was reported there.
    return documents.map((document, index) => ({
      ...document,
      workplaceName: workplaceNames.get(document.workplaceId) ?? document.workplaceName,
      salesPointName: salesPoints.get(document.salesPointId) ?? document.salesPointName,
      lastReportedAt: seen[index] ?? document.updatedAt,
    }));
  }
}
