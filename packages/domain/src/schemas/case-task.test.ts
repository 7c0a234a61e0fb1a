import { describe, expect, it } from 'vitest';
import { CreateTaskRequest, TaskListQuery, UpdateTaskRequest } from './case-task.js';
import { RaiseRiskFlagRequest, riskFlagRequirements, UpdateRiskFlagRequest } from './risk-flag.js';

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('task requests', () => {
  it('needs a title and a real due date; unknown fields are refused', () => {
    expect(fieldsOf(CreateTaskRequest.safeParse({ title: '  ', dueOn: '2026-02-30' }))).toEqual({
      title: 'Enter what needs to be done',
      dueOn: 'Enter a real date as YYYY-MM-DD',
    });
    expect(CreateTaskRequest.safeParse({ title: 'Call the landlord', dueOn: '2026-12-01', priority: 'high' }).success).toBe(false);
    expect(CreateTaskRequest.parse({ title: ' Call the landlord ', dueOn: '2026-12-01' })).toEqual({ title: 'Call the landlord', dueOn: '2026-12-01' });
  });

  it('an update must change something and carry the version it read', () => {
    expect(fieldsOf(UpdateTaskRequest.safeParse({ version: 1 }))).toEqual({ status: 'Change the status, the due date or the assignee' });
    expect(fieldsOf(UpdateTaskRequest.safeParse({ status: 'done' }))).toHaveProperty('version');
    expect(UpdateTaskRequest.parse({ status: 'done', version: 3 })).toEqual({ status: 'done', version: 3 });
  });

  it('lists are bounded: the limit defaults to 50 and stops at 200', () => {
    expect(TaskListQuery.parse({}).limit).toBe(50);
    expect(TaskListQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(TaskListQuery.safeParse({ due: 'someday' }).success).toBe(false);
  });
});

describe('risk flag requests', () => {
  it('a flag raised tomorrow or without a description is refused, naming the field', () => {
    expect(fieldsOf(RaiseRiskFlagRequest.safeParse({ kind: 'family_violence', raisedOn: '2999-01-01', description: ' ' }))).toEqual({
      raisedOn: 'This date is in the future',
      description: 'Describe what was observed or said',
    });
    expect(RaiseRiskFlagRequest.safeParse({ kind: 'burglary', raisedOn: '2026-01-01', description: 'x' }).success).toBe(false);
  });

  it('a mandatory report names who, when, the agency and the reference', () => {
    const result = UpdateRiskFlagRequest.safeParse({ version: 1, mandatoryReport: { reportedBy: 'Ana', reportedOn: '2026-01-02', agency: '', reference: 'R-1' } });
    expect(fieldsOf(result)).toEqual({ 'mandatoryReport.agency': 'Enter the agency the report was made to' });
  });

  it('every flag needs a safety plan; child abuse or neglect also the mandatory report', () => {
    expect(riskFlagRequirements({ kind: 'suicidal_ideation', safetyPlan: null, mandatoryReport: null })).toEqual(['safetyPlan']);
    expect(riskFlagRequirements({ kind: 'child_abuse_neglect', safetyPlan: null, mandatoryReport: null })).toEqual(['safetyPlan', 'mandatoryReport']);
    expect(riskFlagRequirements({ kind: 'child_abuse_neglect', safetyPlan: { summary: 'x' }, mandatoryReport: null })).toEqual(['mandatoryReport']);
    expect(riskFlagRequirements({ kind: 'family_violence', safetyPlan: { summary: 'x' }, mandatoryReport: null })).toEqual([]);
  });
});
