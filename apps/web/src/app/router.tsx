import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { ErrorPage, NotFoundPage } from './error-pages';
import { AppLayout } from './layout/app-layout';
import { ForgotPasswordPage } from '../features/session/forgot-password-page';
import { InvitePage } from '../features/session/invite-page';
import { LoginPage } from '../features/session/login-page';
import { ResetPasswordPage } from '../features/session/reset-password-page';
import { sessionQueryOptions } from '../features/session/session-api';
import { HomePage } from '../features/home/home-page';
import { isLocale } from './i18n';
import { validateCalendarSearch } from '../features/calendar/calendar-dates';

export interface RouterContext {
  queryClient: QueryClient;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
});

// Public pages: reachable without a session.
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: optionalString(search.redirect) }),
  component: LoginPage,
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optionalString(search.token) }),
  component: ResetPasswordPage,
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optionalString(search.token) }),
  component: InvitePage,
});

// Signed-in pages share the AppShell; without a session they send the user to sign in.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (!session) {
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
  },
});

// Printable documents (consent form, rights statement): signed in, but outside the app frame so
// only the document reaches the paper.
const printRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'print',
  component: Outlet,
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (!session) {
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
  },
});

const printLanguageSearch = (search: Record<string, unknown>): { lang?: 'en' | 'es' | 'ar' } => ({ lang: isLocale(search.lang) ? search.lang : undefined });

const consentPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/clients/$clientId/consents/$consentId/print',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/consents/print-pages'), 'ConsentFormPrintPage'),
});

const rightsPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/clients/$clientId/rights/print',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/consents/print-pages'), 'RightsStatementPrintPage'),
});

const planPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/cases/$caseId/plans/$planId/print',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/plans/plan-print-page'), 'PlanPrintPage'),
});

// A payment's receipt (issue 5 fees), printed in the client's language.
const receiptPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/matters/$matterId/receipts/$paymentId',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/fees/receipt-print-page'), 'ReceiptPrintPage'),
});

// Legal documents for the client (issue 5): in the document's language, whatever the reader's.
const matterAgreementPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/matters/$matterId/agreement',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/acceptance/legal-documents'), 'AgreementPrintPage'),
});

const matterDeclinationPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/matters/$matterId/declination-letter',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/acceptance/legal-documents'), 'DeclinationLetterPrintPage'),
});

const matterClosingLetterPrintRoute = createRoute({
  getParentRoute: () => printRoute,
  path: '/matters/$matterId/closing-letter',
  validateSearch: printLanguageSearch,
  component: lazyRouteComponent(() => import('../features/acceptance/legal-documents'), 'ClosingLetterPrintPage'),
});

const instrumentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/assessment-instruments',
  component: lazyRouteComponent(() => import('../features/assessments/instruments-page'), 'InstrumentsPage'),
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const clientsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clients',
  validateSearch: (search: Record<string, unknown>): { q?: string } => ({ q: optionalString(search.q) }),
  component: lazyRouteComponent(() => import('../features/clients/clients-page'), 'ClientsPage'),
});

const newClientRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clients/new',
  component: lazyRouteComponent(() => import('../features/clients/new-client-page'), 'NewClientPage'),
});

const clientImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clients/import',
  validateSearch: (search: Record<string, unknown>): { id?: string } => ({ id: optionalString(search.id) }),
  component: lazyRouteComponent(() => import('../features/client-import/client-import-page'), 'ClientImportPage'),
});

const clientDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clients/$clientId',
  component: lazyRouteComponent(() => import('../features/clients/client-detail-page'), 'ClientDetailPage'),
});

const householdRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/households/$householdId',
  component: lazyRouteComponent(() => import('../features/households/household-page'), 'HouseholdPage'),
});

const intakesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intakes',
  component: lazyRouteComponent(() => import('../features/intakes/intakes-page'), 'IntakesPage'),
});

const intakeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intakes/$intakeId',
  component: lazyRouteComponent(() => import('../features/intakes/intake-wizard-page'), 'IntakeWizardPage'),
});

const exceptionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/exceptions',
  component: lazyRouteComponent(() => import('../features/exceptions/exceptions-page'), 'ExceptionsPage'),
});

const caseloadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases',
  component: lazyRouteComponent(() => import('../features/cases/caseload-page'), 'CaseloadPage'),
});

const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId',
  component: lazyRouteComponent(() => import('../features/cases/case-page'), 'CasePage'),
});

const MATTER_TABS = ['overview', 'deadlines', 'acceptance', 'filings', 'court', 'fees', 'closing'] as const;

const mattersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/matters',
  component: lazyRouteComponent(() => import('../features/matters/matters-page'), 'MattersPage'),
});

const matterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/matters/$matterId',
  validateSearch: (search: Record<string, unknown>): { tab?: (typeof MATTER_TABS)[number] } => ({
    tab: (MATTER_TABS as readonly unknown[]).includes(search.tab) ? (search.tab as (typeof MATTER_TABS)[number]) : undefined,
  }),
  component: lazyRouteComponent(() => import('../features/matters/matter-page'), 'MatterPage'),
});

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  component: lazyRouteComponent(() => import('../features/tasks/tasks-page'), 'TasksPage'),
});

const deadlinesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deadlines',
  component: lazyRouteComponent(() => import('../features/tickler/deadlines-page'), 'DeadlinesPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('../features/account/account-page'), 'AccountPage'),
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  component: lazyRouteComponent(() => import('../features/admin/users-page'), 'UsersPage'),
});

const rolesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/roles',
  component: lazyRouteComponent(() => import('../features/admin/roles-page'), 'RolesPage'),
});

const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/programs',
  component: lazyRouteComponent(() => import('../features/admin/programs-page'), 'ProgramsPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/settings',
  component: lazyRouteComponent(() => import('../features/admin/settings-page'), 'SettingsPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/audit',
  component: lazyRouteComponent(() => import('../features/audit/audit-page'), 'AuditPage'),
});

const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/outbox',
  component: lazyRouteComponent(() => import('../features/admin/outbox-page'), 'OutboxPage'),
});

const feesAdminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/fees',
  component: lazyRouteComponent(() => import('../features/fees/fees-admin-page'), 'FeesAdminPage'),
});

const credentialsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/credentials',
  component: lazyRouteComponent(() => import('../features/credentials/credentials-page'), 'CredentialsPage'),
});

const organizationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/organizations',
  component: lazyRouteComponent(() => import('../features/admin/organizations-page'), 'OrganizationsPage'),
});

const supervisionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/supervision',
  validateSearch: (search: Record<string, unknown>): { reviewCase?: string; scope?: 'team' | 'all'; programId?: string } => ({
    reviewCase: optionalString(search.reviewCase),
    scope: search.scope === 'team' || search.scope === 'all' ? search.scope : undefined,
    programId: optionalString(search.programId),
  }),
  component: lazyRouteComponent(() => import('../features/supervision/supervision-page'), 'SupervisionPage'),
});

const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calendar',
  validateSearch: validateCalendarSearch,
  component: lazyRouteComponent(() => import('../features/calendar/calendar-page'), 'CalendarPage'),
});

const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('../features/reports/reports-page'), 'ReportsPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  inviteRoute,
  printRoute.addChildren([consentPrintRoute, rightsPrintRoute, planPrintRoute, receiptPrintRoute, matterAgreementPrintRoute, matterDeclinationPrintRoute, matterClosingLetterPrintRoute]),
  appRoute.addChildren([
    homeRoute,
    clientsRoute,
    newClientRoute,
    clientImportRoute,
    clientDetailRoute,
    householdRoute,
    intakesRoute,
    intakeRoute,
    exceptionsRoute,
    caseloadRoute,
    caseRoute,
    mattersRoute,
    matterRoute,
    tasksRoute,
    deadlinesRoute,
    accountRoute,
    usersRoute,
    rolesRoute,
    programsRoute,
    settingsRoute,
    auditRoute,
    outboxRoute,
    feesAdminRoute,
    organizationsRoute,
    credentialsRoute,
    supervisionRoute,
    reportsRoute,
    calendarRoute,
    instrumentsRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: ErrorPage,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
