import { ChangeHistory, type HistorySource } from '../../history/change-history';
import { unitHistorySource } from './units-api';

/** Field names of the history, as the card labels them. */
const FIELD_LABELS = {
  name: 'units.name',
  shortName: 'units.shortName',
  ffdCode: 'units.ffdCode',
} as const;

/** «История изменений» of one unit of measure, loaded when it is first expanded. */
export function UnitHistory({ id }: { id: string }) {
  const source: HistorySource = { ...unitHistorySource(id), fieldLabels: FIELD_LABELS };
  return <ChangeHistory source={source} />;
}
