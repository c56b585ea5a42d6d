import { SectionLayout } from '../shell/section-layout';
import { SETTINGS_SECTIONS } from './settings-sections';

const BUILT_SECTIONS = SETTINGS_SECTIONS.filter(({ available }) => available);

/** Настройки: the left menu of the sections built so far, and the chosen section. */
export function SettingsLayout() {
  return <SectionLayout base="/settings" sections={BUILT_SECTIONS} />;
}
