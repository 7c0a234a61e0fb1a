import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import './i18n-types';
import { StrictMode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { directionOf, initI18n, isLocale } from './i18n';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';
import { buildTheme, cssVariablesResolver } from './theme';

const initialLocale = initI18n();
const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

/** Keeps Mantine's direction (RTL for Arabic) in step with the interface language. */
function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const language = i18n.resolvedLanguage;
  useEffect(() => {
    setDirection(directionOf(isLocale(language) ? language : 'en'));
  }, [language, setDirection]);
  return null;
}

function App() {
  const { t } = useTranslation();
  const close = t('common.close');
  const toggleVisibility = t('common.toggleVisibility');
  const theme = useMemo(() => buildTheme({ close, toggleVisibility }), [close, toggleVisibility]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <DirectionSync />
      {/* Bottom: on a phone, top notifications would cover the header and its controls. */}
      <Notifications position="bottom-center" limit={3} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

const container = document.getElementById('root');
if (!container) {
  throw new Error('The #root element is missing from index.html');
}

createRoot(container).render(
  <StrictMode>
    <DirectionProvider initialDirection={directionOf(initialLocale)} detectDirection={false}>
      <App />
    </DirectionProvider>
  </StrictMode>,
);
