import type { UnitView } from '@elk/contracts';
import type { UnitRecord } from './unit.decider';

export function unitView({ unitId, version, name, shortName, ffdCode, createdAt, updatedAt }: UnitRecord): UnitView {
  return { id: unitId, version, name, shortName, ffdCode, createdAt, updatedAt };
}
