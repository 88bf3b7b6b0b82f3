// Must be the first import: it configures zod before any schema is built.
import './zod-setup';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApiClient } from './api/client';
import { isApiError } from './api/errors';
import { ApiClientProvider } from './app/api-context';
import { queryKeys } from './app/query-keys';
import { routes } from './app/routes';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Retrying cannot fix a 4xx; only transient failures are retried.
      retry: (count, error) =>
        count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

const router = createBrowserRouter(routes);

/** A 401 on any call means the session ended: forget it and go to sign-in, then come back. */
const client = createApiClient({
  onUnauthenticated: () => {
    const here = `${window.location.pathname}${window.location.search}`;
    queryClient.removeQueries({ queryKey: queryKeys.session });
    if (!window.location.pathname.startsWith('/login')) {
      void router.navigate(`/login?returnTo=${encodeURIComponent(here)}`, { replace: true });
    }
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ApiClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ApiClientProvider>
  </StrictMode>,
);
