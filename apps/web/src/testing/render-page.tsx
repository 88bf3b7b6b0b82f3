import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter, useRoutes } from 'react-router';
import { createApiClient } from '../api/client';
import { ApiClientProvider } from '../app/api-context';
import { routes } from '../app/routes';

/** The app's real route table, as the app mounts it. */
export function AppRoutes() {
  return useRoutes(routes);
}

/** The query cache a render test starts from: as the API answered, no retries, never stale. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, retryOnMount: false, staleTime: Infinity } },
  });
}

/**
 * Renders the real route table at `path` to HTML, with the query cache seeded as if the API
 * had answered. Rendering on the server runs no effects and sends no requests, so the page
 * shows exactly what the seeded answers produce; a fetch here would be a test bug and fails.
 */
export function renderPage(path: string, seed: [QueryKey, unknown][]): string {
  return renderInApp(<AppRoutes />, seed, path);
}

/**
 * One component (a page's part, a dialog) to HTML inside what the app gives it: the API
 * client, the query cache (seeded with answers, or one the test prepared from
 * `testQueryClient`) and a router at `path`. As with a page, nothing is fetched.
 */
export function renderInApp(
  node: ReactNode,
  seed: [QueryKey, unknown][] | QueryClient = [],
  path = '/',
): string {
  let queryClient: QueryClient;
  if (seed instanceof QueryClient) queryClient = seed;
  else {
    queryClient = testQueryClient();
    for (const [key, data] of seed) queryClient.setQueryData(key, data);
  }
  const client = createApiClient({
    fetch: () => Promise.reject(new Error('render tests do not fetch')),
  });
  return renderToString(
    <ApiClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>{node}</MemoryRouter>
      </QueryClientProvider>
    </ApiClientProvider>,
  );
}

/** Visible text of rendered HTML, for assertions that should not depend on markup. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
