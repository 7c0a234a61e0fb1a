import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

export const SESSION_KEY = ['session'] as const;

/**
 * One QueryClient for the app. When any request learns the session has ended (401
 * `unauthenticated`), the cached session is cleared and the layout sends the user to sign in;
 * when the organization starts requiring MFA mid-session, the session is re-read so the
 * enrolment screen takes over.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => handleSessionErrors(error) }),
    mutationCache: new MutationCache({ onError: (error) => handleSessionErrors(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status > 0 && error.status < 500) {
            return false;
          }
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });

  function handleSessionErrors(error: unknown): void {
    if (!isApiError(error)) {
      return;
    }
    if (error.status === 401 && error.code === 'unauthenticated') {
      client.setQueryData(SESSION_KEY, null);
    } else if (error.code === 'mfa_enrollment_required') {
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    }
  }

  return client;
}
