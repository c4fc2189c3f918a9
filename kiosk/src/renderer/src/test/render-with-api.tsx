// Renders a screen against canned API answers: a tRPC client whose one link answers each procedure
// from `answers` (by its path, e.g. 'catalog.showtimes'), inside the app's providers. A subscription
// with an answer sends it once, as a live stream's first event.
import type { AppRouter } from '@marquee/server/router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n';
import type { TLanguage } from '../i18n/messages';
import { TRPCProvider } from '../trpc';

export function renderWithApi(
  ui: ReactElement,
  { answers, language = 'en' }: { answers: Record<string, unknown>; language?: TLanguage },
) {
  const cannedLink: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        // Live streams stay silent, or send their canned answer once and stay open.
        if (op.type === 'subscription') {
          if (op.path in answers) observer.next({ result: { type: 'data', data: answers[op.path] } });
          return;
        }
        if (!(op.path in answers)) observer.error(TRPCClientError.from(new Error(`no canned answer for ${op.path}`)));
        else {
          observer.next({ result: { type: 'data', data: answers[op.path] } });
          observer.complete();
        }
      });
  const trpcClient = createTRPCClient<AppRouter>({ links: [cannedLink] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(ui, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider initial={language}>{children}</I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    ),
  });
}
