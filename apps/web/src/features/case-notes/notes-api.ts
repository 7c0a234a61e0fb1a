import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CaseNotePage, CaseNoteResponse, CreateCaseNoteRequest, UpdateCaseNoteRequest } from '@haven/domain';
import { api, isApiError } from '../../app/api-client';

export type CaseNote = CaseNoteResponse;
export type CreateNoteBody = z.input<typeof CreateCaseNoteRequest>;
export type UpdateNoteBody = z.input<typeof UpdateCaseNoteRequest>;

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/notes`;
const one = (caseId: string, noteId: string) => `${base(caseId)}/${encodeURIComponent(noteId)}`;

export const noteKeys = {
  ofCase: (caseId: string) => ['case-notes', caseId] as const,
  goals: (caseId: string) => ['case-notes', caseId, 'goals'] as const,
};

export function caseNotesOptions(caseId: string) {
  return infiniteQueryOptions({
    queryKey: noteKeys.ofCase(caseId),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => api<CaseNotePage>(base(caseId), { signal, query: { limit: 25, cursor: pageParam } }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export interface GoalChoice {
  id: string;
  what: string;
}

interface PlanGoals {
  items: { goals?: { id: string; what: string }[] }[];
}

/**
 * The goals a note may link, from the case's plans. Plans belong to another area: when they
 * cannot be read (none yet, or the route is missing) the note simply links no goals.
 */
export function caseGoalsOptions(caseId: string) {
  return queryOptions({
    queryKey: noteKeys.goals(caseId),
    retry: false,
    queryFn: async ({ signal }): Promise<GoalChoice[]> => {
      try {
        const plans = await api<PlanGoals>(`/api/cases/${encodeURIComponent(caseId)}/plans`, { signal, query: { limit: 200 } });
        const seen = new Map<string, GoalChoice>();
        for (const plan of plans.items) {
          for (const goal of plan.goals ?? []) {
            seen.set(goal.id, { id: goal.id, what: goal.what });
          }
        }
        return [...seen.values()];
      } catch (error) {
        if (isApiError(error) && (error.status === 404 || error.status === 403)) {
          return [];
        }
        throw error;
      }
    },
  });
}

export const notesApi = {
  create: (caseId: string, body: CreateNoteBody) => api<CaseNote>(base(caseId), { method: 'POST', body }),
  update: (caseId: string, noteId: string, body: UpdateNoteBody) => api<CaseNote>(one(caseId, noteId), { method: 'PUT', body }),
  sign: (caseId: string, noteId: string, version: number) => api<CaseNote>(`${one(caseId, noteId)}/sign`, { method: 'POST', body: { version } }),
  remove: (caseId: string, noteId: string) => api<undefined>(one(caseId, noteId), { method: 'DELETE' }),
  addAddendum: (caseId: string, noteId: string, text: string) => api<CaseNote>(`${one(caseId, noteId)}/addenda`, { method: 'POST', body: { text } }),
};
