import './i18n/i18n';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import 'antd/dist/reset.css';
import ruRU from 'antd/es/locale/ru_RU';
import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/query-client';
import { router } from './app-router';
import { cabinetTheme } from './shell/theme';

dayjs.locale('ru');

/**
 * antd's Russian texts, except the names of a calendar's month and year buttons: «Выбрать месяц» and «Выбрать год»
 * over what the buttons show («дек.», «2026») is a mismatch axe counts as serious. Unnamed, they are read as shown.
 */
const locale = { ...ruRU, DatePicker: { ...ruRU.DatePicker!, lang: { ...ruRU.DatePicker!.lang, monthSelect: '', yearSelect: '' } } };

const theme = cabinetTheme({ reducedMotion: window.matchMedia('(prefers-reduced-motion: reduce)').matches });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={locale} theme={theme}>
      {/* Toasts appear under the 64 px header, never over the user's name in it. */}
      <AntApp message={{ top: 72 }}>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<Spin size="large" fullscreen />}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
