import type { ModuleCases } from '../../support/matrix.js';
import { assessmentPlanCases } from './assessments-plans.js';
import { calendarCases } from './calendar.js';
import { caseCases } from './cases.js';
import { caseNotesServicesCases } from './case-notes-services.js';
import { clientMergeCases } from './client-merge.js';
import { clientTransferCases } from './client-transfer.js';
import { consentCases } from './consents.js';
import { credentialCases } from './credentials.js';
import { legalMatterCases } from './legal-matters.js';
import { feeCases } from './fees.js';
import { supervisionReportCases } from './supervision-reports.js';
import { tasksRiskCases } from './tasks-risk.js';
import { ticklerCases } from './tickler.js';
import { matterAcceptanceCases } from './matter-acceptance.js';
import { matterProceedingsCases } from './matter-proceedings.js';

/**
 * Matrix cases kept per area of the API: each file exports a ModuleCases, listed here. The
 * matrix runs them with its own stories (401, the role map, no organization, 400 naming the field).
 */
export const moduleCases: ModuleCases[] = [legalMatterCases, caseNotesServicesCases, assessmentPlanCases, clientMergeCases, consentCases, clientTransferCases, caseCases, tasksRiskCases, ticklerCases, supervisionReportCases, credentialCases, calendarCases, matterAcceptanceCases, matterProceedingsCases, feeCases];
