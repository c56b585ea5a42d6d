import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';

/** The search box above a list (it takes the room its row leaves); the placeholder says what it looks in. */
export function SearchBox({ value, onChange, placeholder }: { value: string; onChange: (value: string) => void; placeholder: string }) {
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      aria-label={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      style={{ flex: '1 1 240px' }}
    />
  );
}
