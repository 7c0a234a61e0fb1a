import { describe, expect, it } from 'vitest';
import { AssignDeadlineRequest, CreateManualDeadlineRequest, CreateMatterRequest, MatterListQuery, MatterPartyInput, PutMatterFactsRequest, UpdateMatterRequest } from './legal-matter.js';

const CLIENT = '0f8fad5b-d9cb-469f-a165-70867728950e';
const PROGRAM = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('legal matter schemas', () => {
  it('opens a matter with a known type; unknown types and fields are refused by name', () => {
    expect(CreateMatterRequest.safeParse({ clientId: CLIENT, programId: PROGRAM, type: 'affirmative_asylum' }).success).toBe(true);
    expect(fieldsOf(CreateMatterRequest.safeParse({ clientId: CLIENT, programId: PROGRAM, type: 'daca' }))).toEqual(['type']);
    expect(fieldsOf(CreateMatterRequest.safeParse({ clientId: CLIENT, programId: PROGRAM, type: 'vawa', status: 'open' }))).toEqual(['']);
    expect(fieldsOf(CreateMatterRequest.safeParse({ clientId: 'nope', programId: PROGRAM, type: 'vawa' }))).toEqual(['clientId']);
  });

  it('facts are an object (the engine names each fact); parties need a role and a name', () => {
    expect(PutMatterFactsRequest.safeParse({ facts: { lastArrivalDate: '2026-01-10' }, version: 1 }).success).toBe(true);
    expect(fieldsOf(PutMatterFactsRequest.safeParse({ facts: 'arrived in spring', version: 1 }))).toEqual(['facts']);
    expect(fieldsOf(PutMatterFactsRequest.safeParse({ facts: {}, version: 0 }))).toEqual(['version']);
    expect(MatterPartyInput.safeParse({ role: 'adverse_party', name: '  Émile Duré ' })).toMatchObject({ success: true, data: { name: 'Émile Duré' } });
    expect(fieldsOf(MatterPartyInput.safeParse({ role: 'derivative', name: '   ' }))).toEqual(['name']);
    expect(fieldsOf(MatterPartyInput.safeParse({ role: 'cousin', name: 'Omar' }))).toEqual(['role']);
    const tooMany = Array.from({ length: 51 }, () => ({ role: 'witness', name: 'A witness' }));
    expect(fieldsOf(CreateMatterRequest.safeParse({ clientId: CLIENT, programId: PROGRAM, type: 'other', parties: tooMany }))).toEqual(['parties']);
  });

  it('a representative can be removed (null) but a version is always needed', () => {
    expect(UpdateMatterRequest.safeParse({ representativeId: null, version: 3 }).success).toBe(true);
    expect(fieldsOf(UpdateMatterRequest.safeParse({ representativeId: null }))).toEqual(['version']);
  });

  it('manual deadlines need what is due, a real date and a responsible person', () => {
    expect(CreateManualDeadlineRequest.safeParse({ title: 'Translate the birth certificate', dueOn: '2028-02-29', responsibleId: CLIENT }).success).toBe(true);
    expect(fieldsOf(CreateManualDeadlineRequest.safeParse({ title: 'Translate', dueOn: '2027-02-29', responsibleId: CLIENT }))).toEqual(['dueOn']);
    expect(fieldsOf(CreateManualDeadlineRequest.safeParse({ title: ' ', dueOn: '2027-02-28', responsibleId: CLIENT }))).toEqual(['title']);
    expect(fieldsOf(AssignDeadlineRequest.safeParse({ responsibleId: CLIENT }))).toEqual(['version']);
  });

  it('lists are bounded: 50 by default, at most 200', () => {
    expect(MatterListQuery.parse({})).toMatchObject({ limit: 50 });
    expect(MatterListQuery.parse({ limit: '200', scope: 'readable' })).toMatchObject({ limit: 200, scope: 'readable' });
    expect(fieldsOf(MatterListQuery.safeParse({ limit: '201' }))).toEqual(['limit']);
    expect(fieldsOf(MatterListQuery.safeParse({ scope: 'everyone' }))).toEqual(['scope']);
  });
});
