import type { ModuleCases } from '../../support/matrix.js';
import { assessmentPlanCases } from './assessments-plans.js';
import { calendarCases } from './calendar.js';
import { caseCases } from './cases.js';
import { caseNotesServicesCases } from './case-notes-services.js';
import { clientMergeCases } from './client-merge.js';
import { clientTransferCases } from './client-transfer.js';
import { consentCases } from './consents.js';
import { credentialCases } from './credentials.js';
import { supervisionReportCases } from './supervision-reports.js';
import { tasksRiskCases } from './tasks-risk.js';

/**
 * Matrix cases kept per area of the API: each file exports a ModuleCases, listed here. The
 * matrix runs them with its own stories (401, the role map, no organization, 400 naming the field).
 */
export const moduleCases: ModuleCases[] = [caseNotesServicesCases, assessmentPlanCases, clientMergeCases, consentCases, clientTransferCases, caseCases, tasksRiskCases, supervisionReportCases, credentialCases, calendarCases];
