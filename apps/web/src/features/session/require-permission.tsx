import type { ReactNode } from 'react';
import type { Action } from '@haven/domain';
import { NoAccessPage } from '../../app/error-pages';
import { usePermissions } from './session-api';

/** Renders the page only when the session holds one of the actions; the API enforces it again. */
export function RequirePermission({ anyOf, platformAdmin = false, children }: { anyOf?: Action[]; platformAdmin?: boolean; children: ReactNode }) {
  const { can, session } = usePermissions();
  const allowed = platformAdmin ? session?.user.isPlatformAdmin === true : (anyOf ?? []).some((action) => can(action));
  return allowed ? <>{children}</> : <NoAccessPage />;
}
