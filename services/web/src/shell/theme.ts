import type { ThemeConfig } from 'antd';

/**
 * antd's default palette with the text colours darkened to WCAG AA contrast (4.5:1 on white and on the light grey
 * of card heads, checked by axe-core in the browser tests): antd's blue #1677ff, red #ff4d4f and its 45 % and 25 %
 * greys for secondary text and placeholders fall short. Every screen takes its colours from these tokens, so new
 * ones are readable too.
 */
export function cabinetTheme({ reducedMotion }: { reducedMotion: boolean }): ThemeConfig {
  return {
    token: {
      // Merchants who ask their system for less motion get cards and menus without animations.
      motion: !reducedMotion,
      colorPrimary: '#0958d9',
      colorInfo: '#0958d9',
      colorLink: '#0958d9',
      colorError: '#cf1322',
      colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
      colorTextDescription: 'rgba(0, 0, 0, 0.65)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    },
    components: {
      // A calendar shows the days of the months around in the disabled grey: readable, they can be picked too.
      DatePicker: { colorTextDisabled: 'rgba(0, 0, 0, 0.56)' },
    },
  };
}
