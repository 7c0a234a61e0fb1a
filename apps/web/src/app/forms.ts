import { useCallback, useState } from 'react';
import type { TFunction } from 'i18next';
import { isApiError } from './api-client';

export type FieldErrors = Record<string, string>;

/**
 * The shared schemas in @haven/domain carry English messages (the API returns them too). The
 * known ones are mapped to translation keys so a Spanish or Arabic reader sees their language;
 * anything unknown is shown as the server wrote it rather than hidden.
 */
const KNOWN_MESSAGES = {
  // Filings, hearings, check-ins and decisions (@haven/domain schemas/legal-proceedings.ts and its service).
  'Name the form': 'proceedings.messages.formOther',
  'Name a form only when the form is “other”': 'proceedings.messages.formOtherOnlyForOther',
  'The receipt date cannot be before the filing date': 'proceedings.messages.receivedBeforeFiled',
  'Use up to 40 letters, digits or -': 'proceedings.messages.receiptText',
  'This form is not filed there': 'proceedings.messages.representationFiledWith',
  'Assign the matter’s representative before filing a notice of appearance': 'proceedings.messages.noRepresentative',
  'A decision cannot become final before it is made': 'proceedings.messages.finalBeforeDecided',
  'A judge’s decision cannot come before the first hearing': 'proceedings.messages.decisionBeforeHearing',
  'Asylum cannot be granted before the I-589 is received': 'proceedings.messages.grantBeforeFiling',
  'Enter a time as HH:MM (24-hour)': 'proceedings.messages.time',
  'Choose a time zone such as America/New_York': 'proceedings.messages.timeZone',
  'Record the outcome of a hearing that was held': 'proceedings.messages.heldNeedsOutcome',
  'A hearing cannot be held before its date and time': 'proceedings.messages.heldInFuture',
  'A check-in cannot be attended or missed before its date and time': 'proceedings.messages.checkinNotYet',
  'Choose an active member who works this matter': 'proceedings.messages.responsible',
  'This record was changed by someone else; reload it and try again': 'proceedings.messages.stale',
  'Enter the immigration court': 'proceedings.messages.court',
  'Enter where the check-in takes place': 'proceedings.messages.location',
  'Enter the date it was received': 'proceedings.messages.receivedDate',
  'Enter a valid email address': 'validation.email',
  'Use at least 12 characters': 'validation.passwordMin',
  'Use at most 256 characters': 'validation.passwordMax',
  'Enter the 6-digit code': 'validation.totp',
  'Enter your password': 'validation.passwordRequired',
  'Enter a name of at least 2 characters': 'validation.orgName',
  'Choose at least one language': 'validation.languages',
  'The default language must be one of the languages': 'validation.defaultLocale',
  'Use up to 32 letters, digits, - or _': 'validation.programCode',
  'Enter a phone number of digits, spaces, + ( ) -': 'validation.phone',
  'Enter a given name': 'validation.givenName',
  'Enter a family name': 'validation.familyName',
  'Use a two-letter country code': 'validation.countryCode',
  'Nothing to change': 'validation.nothingToChange',
  // Supervision and reports (@haven/domain schemas/case-review.ts, case-report.ts).
  'This item is not on the program’s review checklist': 'supervision.errors.unknownItem',
  'This checklist item is listed twice': 'supervision.errors.itemTwice',
  'Every checklist item needs a result': 'supervision.errors.itemMissing',
  'Describe what is missing or needs correcting': 'supervision.errors.findingRequired',
  'The task cannot be due before the review date': 'supervision.errors.dueBeforeReview',
  'The review date cannot be in the future': 'supervision.errors.futureReview',
  'Enter the case reference': 'supervision.errors.referenceRequired',
  'Enter a month as YYYY-MM': 'reports.errors.month',
  'The last month must not be before the first': 'reports.errors.toBeforeFrom',
  'Choose at most 24 months': 'reports.errors.tooLong',
  // The client record and households (@haven/domain schemas/client.ts, household.ts).
  'Enter a date as YYYY-MM-DD': 'validation.date',
  'Enter a real date as YYYY-MM-DD': 'validation.realDate',
  'This date is in the future': 'validation.futureDate',
  'Use a language code such as ar or prs': 'validation.languageCode',
  'A phone number has 7 to 15 digits': 'validation.phoneDigits',
  'Enter the street address': 'validation.streetAddress',
  'Enter the city': 'validation.city',
  'The move-out date is before the move-in date': 'validation.movedOutBeforeIn',
  'The end date is before the start date': 'validation.endBeforeStart',
  'An A-number has 8 or 9 digits': 'validation.aNumber',
  'A receipt number has three letters and ten digits': 'validation.receiptNumber',
  'An I-94 number has 11 characters': 'validation.i94',
  'Enter a valid Social Security number': 'validation.ssn',
  'The arrival is before the date of birth': 'validation.arrivalBeforeBirth',
  'The last arrival is before the first arrival': 'validation.lastBeforeFirstArrival',
  'Only a protected client has a protection basis': 'validation.basisNeedsProtection',
  'This date is before the date of birth': 'validation.beforeBirth',
  'Enter a household name': 'validation.householdName',
  'Add at least one person': 'validation.householdMembers',
  // Field messages of the client and household services.
  'Another client in this organization has this A-number': 'validation.aNumberTaken',
  'Another client in this organization has this receipt number': 'validation.receiptTaken',
  'Another client in this organization has this I-94 number': 'validation.i94Taken',
  'Another client in this organization has this Social Security number': 'validation.ssnTaken',
  'Another client in this organization has this identifier': 'validation.identifierTaken',
  'A receipt number is listed twice': 'validation.receiptTwice',
  'The record has changed': 'validation.recordChanged',
  'Say why you are opening this protected record': 'validation.reasonRequired',
  'This person is marked as a suspected abuser and cannot be linked to a household with others': 'validation.suspectedAbuserLink',
  'A person is listed twice': 'validation.personTwice',
  'Client not found': 'validation.clientNotFound',
  'Already a member of this household': 'validation.alreadyHouseholdMember',
  'The date they left is before the date they joined': 'households.leftBeforeJoined',
  // Consents (@haven/domain schemas/consent.ts and the consent service).
  'Enter who receives the information': 'validation.consentRecipient',
  'Say why the information is shared': 'validation.consentPurpose',
  'Enter the name of the person who signed': 'validation.consentSigner',
  'Choose the program': 'validation.consentProgram',
  'Only a program recipient has a program': 'validation.consentProgramOnly',
  'The expiry date must be after the signing date': 'validation.consentExpiresAfterSigned',
  'Consent can last at most one year from the signing date': 'validation.consentExpiresWithinYear',
  'Choose at least one kind of information': 'validation.consentCategories',
  'A kind of information is listed twice': 'validation.consentCategoryTwice',
  'The revocation date is before the signing date': 'validation.consentRevokedBeforeSigned',
  'Say why the consent is revoked': 'validation.consentRevokeReason',
  'This consent is already revoked': 'validation.consentAlreadyRevoked',
  'Program not found': 'validation.programNotFound',
  'Attach the signed form': 'validation.signedFormMissing',
  // Field messages the API writes itself (apps/server services).
  'Wrong or expired code': 'errors.invalid_code',
  'Wrong or already used code': 'errors.invalid_code',
  'The password is not right': 'validation.passwordWrong',
  'The current password is not right': 'validation.passwordWrong',
  'The link is invalid, used or expired': 'reset.invalidToken',
  'Enter your name': 'validation.name',
  'Choose a password of at least 12 characters': 'validation.passwordMin',
  'Already used by another program': 'validation.codeTaken',
  'Keep at least one active admin': 'validation.lastAdmin',
  'Already a member of this organization': 'validation.alreadyMember',
  'Must be on or before "to"': 'validation.fromBeforeTo',
  // Intakes, enrollments and exceptions (@haven/domain schemas/intake.ts and their services).
  'Choose an active program': 'validation.activeProgram',
  'Household not found': 'validation.householdNotFound',
  'At most 20 people in one intake': 'validation.intakeMaxPeople',
  'Choose the service tier': 'intakes.errors.chooseTier',
  'Write the reason': 'intakes.errors.writeReason',
  'Choose a program': 'intakes.errors.chooseProgram',
  'Write the reason for the exception': 'exceptions.reasonRequired',
  'Write the reason for the decision': 'validation.decisionNote',
  'An exception for this program is already approved': 'validation.exceptionApproved',
  'An exception for this program is already waiting for a decision': 'validation.exceptionWaiting',
  'The exit is before the enrollment': 'validation.exitBeforeEnrollment',
  'An exit needs its date and its reason': 'validation.exitNeedsDateAndReason',
  // Merging and unprotecting clients (apps/server clients/merge.ts and service.ts).
  'Choose another record': 'validation.chooseAnotherRecord',
  'Both records are enrolled in the same program: end one enrollment before merging': 'validation.mergeSameProgram',
  'Both records are current members of the same household: mark one as left before merging': 'validation.mergeSameHousehold',
  'The two records have different A-numbers: correct one of them before merging': 'validation.mergeDifferentANumbers',
  'The two records have different I-94 numbers: correct one of them before merging': 'validation.mergeDifferentI94',
  'The two records have different Social Security numbers: correct one of them before merging': 'validation.mergeDifferentSsn',
  'A T, U or VAWA status on the record keeps this client protected (8 USC 1367)': 'validation.protectedByStatus',
  // Client import (@haven/domain schemas/client-import.ts and the client-transfer service).
  'The file is empty': 'validation.importFileEmpty',
  'The file is not an XLSX workbook': 'validation.importNotXlsx',
  'The file has no rows below the header': 'validation.importNoRows',
  'The workbook has no worksheet': 'validation.importNoWorksheet',
  'The first row must name the columns': 'validation.importNoHeader',
  'The file cannot be read as CSV': 'validation.importUnreadableCsv',
  'The file cannot be read as an XLSX workbook': 'validation.importUnreadableXlsx',
  'The file has no such column': 'validation.importNoSuchColumn',
  'Choose the column with the given name': 'validation.importGivenNameColumn',
  'Choose the column with the family name': 'validation.importFamilyNameColumn',
  'The last check found problems': 'validation.importCheckFailed',
  'Run the check on the current mapping first': 'validation.importCheckFirst',
  // Case notes, services, money and case documents (@haven/domain schemas/case-note.ts, case-service.ts, case-document.ts).
  "A note can't be dated in the future": 'notes.errors.future',
  "A note can't be dated before the case was opened": 'notes.errors.beforeOpened',
  "Link only goals of this case's plans": 'notes.errors.unknownGoal',
  "A signed note can't be changed; add an addendum instead": 'notes.errors.signedImmutable',
  'Only the author can change or sign a draft note': 'notes.errors.authorOnly',
  'Sign the note first; a draft can still be edited': 'notes.errors.addendumOnSigned',
  'Write what happened': 'notes.errors.narrative',
  'Write the addendum': 'notes.errors.addendum',
  'Enter the interpreted language': 'notes.errors.interpreterLanguage',
  'A goal is listed twice': 'notes.errors.goalTwice',
  "A service can't be dated in the future": 'services.errors.futureService',
  "A payment can't be dated in the future": 'services.errors.futurePayment',
  'This is more than the remaining budget; ask a supervisor to approve it': 'services.errors.overBudget',
  'Choose a budget line of this case': 'services.errors.budgetNotFound',
  'Choose a document of this case': 'services.errors.receiptNotFound',
  'Send the version you read to change an existing budget': 'services.errors.budgetVersion',
  "You can't decide on a payment you requested": 'services.errors.ownRequest',
  'This payment has already been decided': 'services.errors.alreadyDecided',
  'Enter the funding source': 'services.errors.fundingSource',
  'Enter who is paid': 'services.errors.payee',
  'Upload a PDF, JPEG or PNG file': 'caseDocuments.errors.wrongType',
  'The file is not the type it claims to be: upload a PDF, JPEG or PNG file': 'caseDocuments.errors.notWhatItClaims',
  'Attach a file': 'caseDocuments.errors.empty',
  // Program eligibility rules (@haven/domain eligibility/program-rules.ts).
  'Add at least one rule': 'validation.rulesRequired',
  'A counting mode applies only to the RCA/RMA window': 'validation.countingModeRcaOnly',
  'Give a minimum or a maximum age': 'validation.ageLimitRequired',
  'The minimum age must not be above the maximum': 'validation.ageMinAboveMax',
  // Cases (@haven/domain schemas/case.ts, cases/stages.ts and the case service).
  'Choose an active enrollment of a client you can see': 'cases.messages.enrollmentNotFound',
  'This enrollment already has a case': 'cases.messages.enrollmentHasCase',
  'Choose an active member who works cases': 'cases.messages.caseManager',
  'Choose an active member who supervises cases': 'cases.messages.supervisor',
  'The opening date cannot be in the future': 'cases.messages.openedInFuture',
  'The closing date cannot be in the future': 'cases.messages.closedInFuture',
  'The closing date is before the case was opened': 'cases.messages.closedBeforeOpened',
  'Confirm this before closing the case': 'cases.messages.checklistItem',
  'Say why the case is closing': 'cases.messages.reasonDetail',
  'Say what needs to change before the case can close': 'cases.messages.returnNote',
  'Another supervisor must approve your own closure request': 'cases.messages.ownClosure',
  'This case is not waiting for a closure decision': 'cases.messages.notPending',
  'This case is already waiting for a closure decision': 'cases.messages.alreadyPending',
  'Only a closed case can be reopened': 'cases.messages.notClosed',
  'This person is already the primary case manager': 'cases.messages.transferSame',
  'Only a supervisor or the primary case manager can transfer this case': 'cases.messages.transferNotAllowed',
  'Choose a household this client belongs to': 'cases.messages.householdNotClients',
  'This client is protected: only a supervisor can give another case manager access. Ask a supervisor to transfer this case': 'cases.messages.transferProtected',
  'You can only list your own cases': 'cases.messages.caseManagerFilter',
  'This case was changed by someone else; reload it and try again': 'cases.messages.stale',
  'This case is closed; reopen it first': 'cases.messages.caseClosed',
  'Write at least 10 characters for the next case manager': 'cases.messages.handOffMin',
  'Summarize the case and how it ends': 'cases.messages.summary',
  'Say why the case is reopened': 'cases.messages.reopenReason',
  'The case is already at this stage': 'cases.stage.problems.same_stage',
  'Move one stage at a time': 'cases.stage.problems.stage_skipped',
  'Close a case with a closure request: reason, checklist and summary': 'cases.stage.problems.closure_needs_request',
  'Record a plan before intervention': 'cases.stage.problems.plan_required',
  // Assessments and plans (@haven/domain schemas/case-assessment.ts, case-plan.ts and their services).
  'This domain key is used twice': 'assessments.errors.domainTwice',
  'This domain is scored twice': 'assessments.errors.scoreTwice',
  'This domain is not part of the instrument': 'assessments.errors.unknownDomain',
  'Score every domain of the instrument': 'assessments.errors.scoresMissing',
  'Choose the current version of an active instrument': 'assessments.errors.instrumentNotCurrent',
  'The assessment date is before the case was opened': 'assessments.errors.beforeCaseOpened',
  'This instrument was changed by someone else. Reload to see their changes.': 'assessments.errors.instrumentChanged',
  'Choose a score from 1 to 5': 'assessments.errors.scoreRange',
  'Use 2–40 lower-case letters, digits or _': 'assessments.errors.domainKeyFormat',
  'Add at least one domain': 'assessments.errors.addDomain',
  'Enter the instrument’s name': 'assessments.errors.instrumentName',
  "A goal can't be due before the plan starts": 'plans.errors.goalBeforeStart',
  "A step can't be due after its goal": 'plans.errors.stepAfterGoal',
  "The review date can't be before the plan starts": 'plans.errors.reviewBeforeStart',
  'Record an assessment before planning': 'plans.errors.assessmentRequired',
  'Choose a domain of the newest assessment': 'plans.errors.unknownDomain',
  'This plan was changed by someone else. Reload to see their changes.': 'plans.errors.stale',
  'Someone other than the person who submitted the plan must decide on it': 'plans.errors.ownDecision',
  'Say what needs to change': 'plans.errors.returnNote',
  'Add at least one goal before submitting': 'plans.errors.noGoals',
  'Name who does this step': 'plans.errors.ownerName',
  'Say what the goal is': 'plans.errors.goalWhat',
  'Say how progress is measured': 'plans.errors.goalMeasure',
  'Say what counts as reaching the goal': 'plans.errors.goalTarget',
  'Say what will be done': 'plans.errors.stepWhat',
  'Describe the barrier': 'plans.errors.barrier',
  'Say how the barrier will be addressed': 'plans.errors.strategy',
  'Describe the strength': 'plans.errors.strength',
  'Say how the plan builds on it': 'plans.errors.buildOn',
  'Name the item': 'plans.errors.item',
  'Name the funding source': 'plans.errors.fundingSource',
  'The amount cannot be negative': 'plans.errors.negative',
  'Choose a domain': 'plans.errors.chooseDomain',
  // Legal matters (@haven/domain schemas/legal-matter.ts, the legal-matters service and the representation gate).
  'Choose a client you can see': 'matters.errors.clientNotFound',
  'Choose an active member who works legal matters': 'matters.errors.representativeNotMember',
  'This matter was changed by someone else; reload it and try again': 'matters.errors.stale',
  'This deadline was changed by someone else; reload it and try again': 'matters.errors.deadlineStale',
  "A matter's deadlines are always computed as of today in the organization's time zone": 'matters.errors.asOfNotStored',
  'Choose a supervising attorney (an active attorney marked as supervising attorney)': 'matters.errors.notSupervisingAttorney',
  "The client's own party entry cannot be removed": 'matters.errors.clientPartyKept',
  'The client is already a party to this matter': 'matters.errors.clientPartyAdded',
  'Only a deadline added by staff can be completed; a computed one is met by its filing': 'matters.errors.manualOnly',
  'This deadline is no longer open': 'matters.errors.deadlineClosed',
  'Choose an active member who can see this matter': 'matters.errors.responsibleCannotRead',
  'This client is protected: a supervisor must first assign the supervising attorney to the client': 'matters.errors.supervisingAttorneyNotAssigned',
  'Only an attorney or a DOJ-accredited representative can represent a client': 'matters.errors.noCredential',
  "This attorney's bar admission is not active": 'matters.errors.barNotActive',
  "This representative's accreditation has expired": 'matters.errors.accreditationExpired',
  'A partially accredited representative cannot appear before the immigration court or the BIA': 'matters.errors.partialBeforeEoir',
  'Choose a matter type': 'matters.errors.chooseType',
  'Say what is due': 'matters.errors.sayWhatIsDue',
  'Enter the name': 'matters.errors.enterName',
  // Accreditation (@haven/domain schemas/credentials.ts and the credentials service).
  'Choose an active member of the organization': 'credentials.errors.notMember',
  'This member already has a credential of this kind': 'credentials.errors.duplicate',
  'Enter the state of the bar admission': 'credentials.errors.barStateRequired',
  'Enter the bar number': 'credentials.errors.barNumberRequired',
  'Choose the bar status': 'credentials.errors.barStatusRequired',
  'Leave this empty for an attorney': 'credentials.errors.notForAttorneys',
  'Choose full or partial accreditation': 'credentials.errors.accreditationLevelRequired',
  'Enter the date the accreditation expires': 'credentials.errors.expiresOnRequired',
  'Accreditation lasts at most three years (8 CFR 1292.16): check the expiry date': 'credentials.errors.accreditationTooLong',
  'Leave this empty for an accredited representative': 'credentials.errors.notForRepresentatives',
  'Only an attorney can be the supervising attorney': 'credentials.errors.supervisingOnlyAttorneys',
  'The expiry must come after the recognition date': 'credentials.errors.recognitionAfter',
  'Recognition lasts at most six years (8 CFR 1292.11): check the expiry date': 'credentials.errors.recognitionTooLong',
  'Choose one of the organization’s offices': 'credentials.errors.officeUnknown',
  'The renewal cannot be filed in the future': 'credentials.errors.renewalInFuture',
  'A timely renewal is filed on or before the expiry date (8 CFR 1292.16)': 'credentials.errors.renewalAfterExpiry',
  'Only an accreditation is renewed with EOIR: leave this empty for an attorney': 'credentials.errors.renewalOnlyAccreditation',
  'Choose a US state or territory': 'credentials.errors.barState',
  "The organization's DOJ recognition has expired: its accredited representatives cannot represent clients until it is renewed": 'credentials.errors.recognitionExpired',
  // Tasks and risk flags (@haven/domain schemas/case-task.ts, risk-flag.ts and their services).
  'The due date is in the past': 'tasks.errors.dueInPast',
  'Choose an active member who works or supervises cases': 'tasks.errors.assignee',
  'This person cannot see this case': 'tasks.errors.assigneeCannotSee',
  'Enter what needs to be done': 'tasks.errors.title',
  'This task was changed by someone else; reload it': 'tasks.errors.stale',
  'Record the safety plan before resolving this flag': 'risk.errors.safetyPlanRequired',
  'Record the mandatory report before resolving this flag': 'risk.errors.mandatoryReportRequired',
  'This flag is already resolved': 'risk.errors.resolved',
  'Describe what was observed or said': 'risk.errors.description',
  'Summarize the safety plan': 'risk.errors.summary',
  'Enter who made the report': 'risk.errors.reportedBy',
  'Enter the agency the report was made to': 'risk.errors.agency',
  'Enter the report reference': 'risk.errors.reference',
  'Say why the risk is resolved': 'risk.errors.note',
  'This risk flag was changed by someone else; reload it': 'risk.errors.stale',
  // Fees (@haven/domain schemas/legal-fees.ts FEE_MESSAGES, legal/fees.ts SLIDING_BAND_MESSAGES).
  'Another service already uses this code': 'fees.errors.codeTaken',
  'Use lower-case letters, digits, - and _ (for example i589_preparation)': 'fees.errors.codeFormat',
  "Enter this year's poverty guidelines first (Administration → Fees)": 'fees.errors.guidelineMissing',
  'Enter the household size: the sliding scale applies to this service': 'fees.errors.householdSizeNeeded',
  "Enter the household's annual income: the sliding scale applies to this service": 'fees.errors.incomeNeeded',
  'Choose an active service of the fee schedule': 'fees.errors.scheduleNotFound',
  'The amount comes from the fee schedule; leave it empty': 'fees.errors.scheduleHasAmount',
  'Describe the charge': 'fees.errors.descriptionNeeded',
  'Enter the amount': 'fees.errors.amountNeeded',
  'Choose a charge of this matter': 'fees.errors.chargeNotFound',
  'This is more than the part of the charge not yet waived or waiting for a waiver decision': 'fees.errors.waiverTooMuch',
  "You can't decide on a waiver you requested; another attorney or the program director decides it": 'fees.errors.ownWaiver',
  'This waiver has already been decided': 'fees.errors.waiverDecided',
  'This is more than the balance': 'fees.errors.overBalance',
  'Nothing is owed on this matter': 'fees.errors.nothingOwed',
  'This is more than is left unpaid on this matter: payments already cover the rest. Void the payment first, or ask for a smaller waiver': 'fees.errors.waiverOverUnpaid',
  'Approving this waiver would bring the balance below zero: payments already cover part of it. Void the payment or ask for a smaller waiver first':
    'fees.errors.waiverOverBalance',
  'Part of the balance is waiting for a waiver decision: record at most the amount due now, or decide the waiver first': 'fees.errors.waiverPending',
  'This payment is already void': 'fees.errors.alreadyVoided',
  'Only the person who received a payment, on the same day, or someone who decides on fees may void it': 'fees.errors.voidNotAllowed',
  'The guidelines take effect in their own year': 'fees.errors.effectiveFromYear',
  'Someone else changed the fee settings since you opened them. Reload to see their changes.': 'fees.errors.settingsVersion',
  'Name the service': 'fees.errors.name',
  'Add at least one band': 'fees.errors.bandsEmpty',
  'Use at most 10 bands': 'fees.errors.bandsTooMany',
  'Each band needs an income limit above 0% of the guideline': 'fees.errors.bandsUpTo',
  'Each band pays between 0% and 100% of the full fee': 'fees.errors.bandsFeePercent',
  'List the bands from the lowest income limit to the highest, each limit higher than the one before': 'fees.errors.bandsAscending',
  'A band with a higher income may not pay a smaller share of the fee than the band before': 'fees.errors.bandsFeeDecreasing',
  // The tickler (@haven/domain schemas/tickler.ts and modules/tickler).
  'This item was changed by someone else; reload it': 'tickler.errors.stale',
  'Only an open deadline or a scheduled hearing or check-in is acknowledged': 'tickler.errors.notPending',
  'This item was already acknowledged': 'tickler.errors.alreadyAcknowledged',
  'The end of the window is before its start': 'tickler.errors.windowOrder',
  'Choose a window of at most 400 days': 'tickler.errors.windowTooLong',
  // Case acceptance and closing (@haven/domain schemas/legal-acceptance.ts ACCEPTANCE_MESSAGES).
  'Summarize what the screening found': 'acceptance.errors.screeningSummary',
  'Screen the matter before accepting it': 'acceptance.errors.screeningRequired',
  'Only a matter in screening can be accepted or declined': 'acceptance.errors.onlyScreening',
  'Only a supervising attorney can accept or decline a matter': 'acceptance.errors.onlySupervisingAttorney',
  'Only a supervising attorney can clear conflict check hits': 'acceptance.errors.onlySupervisingAttorneyClears',
  'Run the conflict check before accepting the matter': 'acceptance.errors.conflictCheckRequired',
  'The conflict check found possible conflicts: a supervising attorney must clear them first': 'acceptance.errors.conflictCheckNotCleared',
  'The parties changed since the conflict check: run it again': 'acceptance.errors.conflictCheckStale',
  'The conflict check has nothing to clear': 'acceptance.errors.nothingToClear',
  'Say why these hits are not conflicts': 'acceptance.errors.clearNote',
  'Say why the matter is declined': 'acceptance.errors.declineReason',
  'Choose the representative': 'acceptance.errors.acceptRepresentative',
  'Choose the selection criteria the matter meets': 'acceptance.errors.acceptCriteria',
  "Use the program's selection criteria": 'acceptance.errors.unknownCriteria',
  'The representative must be an active member of the organization': 'acceptance.errors.representativeNotMember',
  'This client is protected: a supervisor must first assign the representative to the client': 'acceptance.errors.representativeNotAssigned',
  'Describe the scope of representation': 'acceptance.errors.agreementScope',
  'Accept the matter before preparing its agreement': 'acceptance.errors.agreementOnlyOpen',
  'The agreement is signed: it can no longer be replaced': 'acceptance.errors.agreementSigned',
  'Prepare the agreement first': 'acceptance.errors.agreementMissing',
  'The agreement cannot be signed before it was prepared': 'acceptance.errors.signedBeforeGenerated',
  'Summarize the outcome of the representation': 'acceptance.errors.closeSummary',
  'Describe the reason': 'acceptance.errors.closeReasonDetail',
  'Only an accepted, open matter can be closed; decline a matter in screening instead': 'acceptance.errors.closeOnlyOpen',
  'The matter cannot close before it opened': 'acceptance.errors.closeBeforeOpened',
  'Record the outcome or cancel scheduled hearings and check-ins first': 'acceptance.errors.pendingHearings',
  'Say why the matter is reopened': 'acceptance.errors.reopenReason',
  'Only a closed matter can be reopened': 'acceptance.errors.reopenOnlyClosed',
  'Someone else changed this matter: reload it and try again': 'acceptance.errors.staleVersion',
} as const;

/** Messages with a number in them (`Text(max)` in the client schema writes one per limit). */
const MAX_LENGTH_MESSAGE = /^Use at most (\d+) characters$/;

function translateKnown(message: string, t: TFunction): string | null {
  const key = (KNOWN_MESSAGES as Record<string, (typeof KNOWN_MESSAGES)[keyof typeof KNOWN_MESSAGES]>)[message];
  if (key) {
    return t(key);
  }
  const maxLength = MAX_LENGTH_MESSAGE.exec(message);
  return maxLength ? t('validation.maxLength', { count: Number(maxLength[1]) }) : null;
}

interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

function messageForIssue(issue: IssueLike, t: TFunction): string {
  const known = translateKnown(issue.message, t);
  if (known) {
    return known;
  }
  switch (issue.code) {
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.minLength', { count: Number(issue.minimum) });
      }
      return t('validation.required');
    case 'too_big':
      return issue.origin === 'string' ? t('validation.maxLength', { count: Number(issue.maximum) }) : t('validation.invalid');
    case 'invalid_type':
    case 'invalid_value':
      return t('validation.required');
    default:
      return t('validation.invalid');
  }
}

/** zod issues → `{ field: message }`, first message per field, in the current language. */
export function zodFieldErrors(error: { issues: readonly object[] }, t: TFunction): FieldErrors {
  const result: FieldErrors = {};
  for (const raw of error.issues) {
    const issue = raw as IssueLike;
    const field = issue.path.map(String).join('.') || '_form';
    if (!(field in result)) {
      result[field] = messageForIssue(issue, t);
    }
  }
  return result;
}

/** Field messages of an API error, translated where the message is a known schema message. */
export function serverFieldErrors(error: unknown, t: TFunction): FieldErrors {
  if (!isApiError(error)) {
    return {};
  }
  const result: FieldErrors = {};
  for (const [field, message] of Object.entries(error.fields)) {
    result[field] = translateKnown(message, t) ?? message;
  }
  return result;
}

const ERROR_CODES_WITH_TEXT = new Set([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'mfa_required',
  'mfa_enrollment_required',
  'invalid_credentials',
  'invalid_code',
  'account_locked',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'reason_required',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
  'service_unavailable',
  'network_error',
]);

/**
 * For notifications and page-level errors, where no form field can show the detail: the first
 * field message when the API gave one (it says what to fix), else the error code's sentence.
 */
export function describeError(error: unknown, t: TFunction): string {
  const first = Object.values(serverFieldErrors(error, t))[0];
  return first ?? errorMessage(error, t);
}

/** A sentence for the whole request's failure, from its error code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (ERROR_CODES_WITH_TEXT.has(error.code)) {
      return t(`errors.${error.code}` as 'errors.unknown');
    }
    return t('errors.unknown');
  }
  return t('errors.unknown');
}

/** Small form state: values, per-field errors, and helpers to set them. */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});

  const setField = useCallback(<K extends keyof T & string>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      if (!(key in current)) {
        return current;
      }
      const next = { ...current };
      delete next[key];
      return next;
    });
  }, []);

  const reset = useCallback((next: T) => {
    setValues(next);
    setErrors({});
  }, []);

  return { values, setValues, errors, setErrors, setField, reset };
}

/** Optional text inputs: an empty box means "not given", which the schemas express as undefined. */
export function emptyToUndefined(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
