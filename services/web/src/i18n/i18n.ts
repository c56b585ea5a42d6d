import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ru, type Messages } from './ru';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * Russian first; English is the second language, loaded when it is switched to (not with the login page, whose
 * JavaScript has a budget).
 */
void i18n.use(initReactI18next).init({
  lng: 'ru',
  fallbackLng: 'ru',
  supportedLngs: ['ru', 'en'],
  partialBundledLanguages: true,
  resources: { ru: { translation: ru } },
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (language) => {
  if (language !== 'en' || i18n.hasResourceBundle('en', 'translation')) return;
  void import('./en').then(({ en }) => {
    i18n.addResourceBundle('en', 'translation', en);
    void i18n.changeLanguage('en');
  });
});

export { i18n };
