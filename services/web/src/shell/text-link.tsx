import type { ComponentProps } from 'react';
import { Link } from 'react-router';

/**
 * A link inside a sentence: underlined, since its colour alone does not set it apart from the text around it for
 * everyone (WCAG 1.4.1). Links standing alone (menus, a card's title, «Вернуться ко входу») need no underline.
 */
export function TextLink({ style, ...props }: ComponentProps<typeof Link>) {
  return <Link {...props} style={{ textDecoration: 'underline', ...style }} />;
}
