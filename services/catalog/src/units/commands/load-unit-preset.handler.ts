import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, handleCommand, type Clock, type CommandMetadata } from '@elk/service-kit';
import { FFD_UNIT_PRESET } from '../ffd-unit-preset';
import { unitDecider, unitsStreamId } from '../unit.decider';

@Injectable()
export class LoadUnitPresetHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Adds the FFD 1.2 units to the organisation's units, once: loading them again changes nothing. Returns how many were added. */
  async execute(organisationId: string, metadata: CommandMetadata): Promise<number> {
    const units = FFD_UNIT_PRESET.map((unit) => ({ ...unit, unitId: randomUUID() }));
    const result = await handleCommand(
      this.eventStore,
      unitsStreamId(organisationId),
      unitDecider,
      { type: 'LoadUnitPreset', organisationId, units, at: this.clock.now().toISOString() },
      metadata,
    );
    return result.newEvents.filter((event) => event.type === 'UnitAdded').length;
  }
}
