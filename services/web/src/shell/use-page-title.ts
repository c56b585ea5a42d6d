import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab's title while the page is shown: «Сотрудники — ЕЛК». */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const full = t('shell.pageTitle', { title });
  useEffect(() => {
    document.title = full;
  }, [full]);
}
