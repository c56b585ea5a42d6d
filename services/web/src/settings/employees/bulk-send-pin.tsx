import type { BulkResult, EmployeeView } from '@elk/contracts';
import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessageOf } from '../../api/api-error';
import { BulkResultModal } from '../../shell/bulk-result-modal';
import { SelectionBar } from '../../shell/selection-bar';
import { useSendEmployeePins } from './employees-api';

/**
 * Сотрудники with employees ticked: how many, «Отправить PIN» (after asking), then who got a new PIN-code and who was
 * refused and why (the Owner, unless the Owner sends it).
 */
export function BulkSendPin({ selected, onClear }: { selected: readonly EmployeeView[]; onClear: () => void }) {
  const { t } = useTranslation();
  const send = useSendEmployeePins();
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  const close = () => {
    setFailure(null);
    setAsking(false);
  };
  const confirm = async () => {
    setFailure(null);
    try {
      setResult(await send.mutateAsync(selected.map(({ id }) => id)));
      close();
      onClear();
    } catch (error) {
      setFailure(userMessageOf(error));
    }
  };

  return (
    <>
      <SelectionBar count={selected.length} onClear={onClear}>
        <Button icon={<KeyOutlined />} onClick={() => setAsking(true)}>
          {t('employees.bulkPin.button')}
        </Button>
      </SelectionBar>
      <Modal
        open={asking}
        title={t('employees.bulkPin.title')}
        onCancel={close}
        onOk={() => void confirm()}
        okText={t('employees.sendPinSubmit')}
        okButtonProps={{ loading: send.isPending }}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph>{t('employees.bulkPin.text', { count: selected.length })}</Typography.Paragraph>
      </Modal>
      <BulkResultModal title={t('employees.bulkPin.resultTitle')} result={result} onClose={() => setResult(null)} />
    </>
  );
}
