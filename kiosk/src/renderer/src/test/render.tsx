// Renders a component as the app does: inside the language provider (rerenders keep it).
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n';

export function renderInApp(ui: ReactElement) {
  return render(ui, { wrapper: ({ children }: { children: ReactNode }) => <I18nProvider>{children}</I18nProvider> });
}
