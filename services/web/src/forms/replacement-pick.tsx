import { Flex, Select, TreeSelect, Typography, type TreeSelectProps } from 'antd';
import { useId } from 'react';

interface ReplacementPickProps {
  /** What the pick does: «Единица указана в 3 товарах. Они получат:». */
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  /** A flat list (units)… */
  options?: Array<{ value: string; label: string }>;
  /** …or a tree (categories). */
  treeData?: TreeSelectProps['treeData'];
  /** Shown while nothing is picked: what happens then. */
  placeholder?: string;
}

/**
 * In a delete card: what the products of the thing deleted get instead (another unit, another category), picked from
 * a searchable list, so that deleting it takes one step.
 */
export function ReplacementPick({ label, value, onChange, options, treeData, placeholder }: ReplacementPickProps) {
  const id = useId();
  return (
    <Flex vertical gap={4} style={{ marginTop: 12 }}>
      <Typography.Text>
        <label htmlFor={id}>{label}</label>
      </Typography.Text>
      {treeData ? (
        <TreeSelect
          id={id}
          value={value ?? undefined}
          onChange={(picked: string | undefined) => onChange(picked ?? null)}
          treeData={treeData}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          allowClear
          placeholder={placeholder}
          style={{ width: '100%' }}
        />
      ) : (
        <Select
          id={id}
          value={value ?? undefined}
          onChange={(picked: string | undefined) => onChange(picked ?? null)}
          options={options?.map((option) => ({ ...option, title: option.label }))}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={placeholder}
          style={{ width: '100%' }}
        />
      )}
    </Flex>
  );
}
