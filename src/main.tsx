import { createRoot } from 'react-dom/client';
import { detectLanguage, initI18n } from '@/lib/i18n';
import { adoptProviderFromUrl } from '@/lib/provider';
import { App } from '@/app/app';
import './styles.css';

async function start() {
  adoptProviderFromUrl(window.location.search);
  const language = detectLanguage(window.location.search);
  await Promise.all([
    initI18n(language),
    // Development and the demo: the simulated back office answers the API in the browser.
    // In a production build __MOCKING__ is false and this import is removed with all of MSW.
    __MOCKING__ ? import('@mocks/browser').then((m) => m.startMockBackOffice()) : Promise.resolve(),
  ]);
  const root = document.getElementById('root');
  if (!root) throw new Error('No #root element');
  createRoot(root).render(<App />);
}

void start();
