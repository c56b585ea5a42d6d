import { theme, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A page's one top-level heading (`<h1>`, so that screen readers find the page's subject first), drawn at antd's
 * third heading size as the cabinet's titles have always been. Headings inside the page go from `<h2>` down.
 */
export function PageTitle({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <Typography.Title level={1} style={{ margin: 0, fontSize: token.fontSizeHeading3, lineHeight: token.lineHeightHeading3, ...style }}>
      {children}
    </Typography.Title>
  );
}
