import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Action, Locale } from '@haven/domain';
import { api, isApiError, rememberCsrfToken } from '../../app/api-client';
import type { Session } from '../../app/api-types';
import { SESSION_KEY } from '../../app/query-client';
import { setOrganizationTimeZone } from '../../app/ui/format';

/** The signed-in session, or null when nobody is signed in (GET /api/session answers 401). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/api/session');
    rememberCsrfToken(session.csrfToken);
    setOrganizationTimeZone(session.activeOrganization?.timeZone ?? null);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: fetchSession,
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQueryOptions);
}

let explicitSignOut = false;

/** Stores a SessionResponse that a mutation returned (sign in, switch organization, MFA …). */
export function storeSession(queryClient: QueryClient, session: Session | null): void {
  if (session) {
    explicitSignOut = false;
  }
  rememberCsrfToken(session?.csrfToken ?? null);
  setOrganizationTimeZone(session?.activeOrganization?.timeZone ?? null);
  queryClient.setQueryData(SESSION_KEY, session);
}

export interface SignInBody {
  email: string;
  password: string;
  totp?: string;
}

export const sessionApi = {
  signIn: (body: SignInBody) => api<Session>('/api/session', { method: 'POST', body }),
  signOut: () => api<undefined>('/api/session', { method: 'DELETE' }),
  switchOrganization: (orgId: string) => api<Session>('/api/session/organization', { method: 'PUT', body: { orgId } }),
  updateProfile: (body: { displayName?: string; locale?: Locale }) =>
    api<Session>('/api/session/profile', { method: 'PATCH', body }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api<undefined>('/api/session/password', { method: 'POST', body }),
  mfaSetup: () => api<{ secret: string; otpauthUrl: string }>('/api/session/mfa/setup', { method: 'POST' }),
  mfaConfirm: (code: string) => api<Session>('/api/session/mfa/confirm', { method: 'POST', body: { code } }),
  mfaDisable: (body: { password: string; code: string }) => api<Session>('/api/session/mfa', { method: 'DELETE', body }),
  requestPasswordReset: (email: string) => api<undefined>('/api/password-reset', { method: 'POST', body: { email } }),
  confirmPasswordReset: (body: { token: string; password: string }) =>
    api<undefined>('/api/password-reset/confirm', { method: 'POST', body }),
};

/** Marks the coming end of the session as the user's own choice (see AppLayout). */
export function markExplicitSignOut(): void {
  explicitSignOut = true;
}

export function consumeExplicitSignOut(): boolean {
  const value = explicitSignOut;
  explicitSignOut = false;
  return value;
}

/** Permission check for hiding UI; the API checks again on every request. */
export function usePermissions(): { can: (action: Action) => boolean; session: Session | null | undefined } {
  const { data: session } = useSession();
  const permissions = session?.permissions;
  return {
    session,
    can: (action: Action) => permissions?.includes(action) ?? false,
  };
}
