import { Grid } from 'antd';

/** Phones and small tablets (below antd's md breakpoint, 768px). */
export function useNarrowScreen(): boolean {
  return Grid.useBreakpoint().md === false;
}
