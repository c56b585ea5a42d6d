import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { PageTitle } from './page-title';

/** A page's title and, when the role may add (`onAdd` given), the blue «+ …» button. */
export function PageHeader({ title, addLabel, onAdd }: { title: string; addLabel: string; onAdd: (() => void) | null }) {
  return (
    <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 24 }}>
      <PageTitle>{title}</PageTitle>
      {onAdd && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </Flex>
  );
}
