import type { WorkplaceView } from '@elk/contracts';
import { Alert, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { TextLink } from '../../shell/text-link';
import { SALES_POINTS_PATH } from '../sales-points/sales-points-api';
import { useWorkplacePickers, type WorkplacePickers } from './workplace-pickers';

/**
 * The sales points and employees come first: a workplace's cards pick from them, and with no sales point there is
 * nothing to bind a workplace to (the card says where to add one).
 */
export function PickersLoader({ workplace, onDone, children }: { workplace: WorkplaceView | null; onDone: () => void; children: (pickers: WorkplacePickers) => ReactNode }) {
  const { t } = useTranslation();
  const pickers = useWorkplacePickers(workplace);
  if (pickers.pending) {
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  }
  return (
    <>
      {pickers.failed && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('workplaces.pickersFailed')} />}
      {!pickers.failed && pickers.salesPoints.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={<Trans i18nKey="workplaces.noSalesPoints" components={{ link: <TextLink to={SALES_POINTS_PATH} onClick={onDone} /> }} />}
        />
      )}
      {children(pickers)}
    </>
  );
}
