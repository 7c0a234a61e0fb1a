import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateTaskRequest,
  ErrorResponse,
  IdParams,
  TaskAssigneeList,
  TaskDigestPreference,
  TaskList,
  TaskListQuery,
  TaskResponse,
  UpdateTaskRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { TaskService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['tasks'];

export function registerTaskRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new TaskService(deps);

  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: "Tasks by due date: mine (default), those I assigned, or a case's; filter by status and due (overdue, today, this week)",
        querystring: TaskListQuery,
        response: { 200: TaskList, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.get(
    '/api/tasks/assignees',
    { schema: { tags, summary: 'Who a task can be given to: active members who work or supervise cases', response: { 200: TaskAssigneeList, ...errors } } },
    (request) => service.assignees(memberContext(request)),
  );
  app.post(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'Create a task (for myself by default), optionally on an open case; due today or later',
        body: CreateTaskRequest,
        response: { 201: TaskResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Mark a task done or cancelled, reschedule or reassign it (assignee, assigner or a supervisor), with the version read',
        params: IdParams,
        body: UpdateTaskRequest,
        response: { 200: TaskResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/account/task-digest',
    { schema: { tags: ['account'], summary: 'Whether I get the daily email of due and overdue tasks', response: { 200: TaskDigestPreference, ...errors } } },
    (request) => service.digestPreference(memberContext(request)),
  );
  app.put(
    '/api/account/task-digest',
    {
      schema: {
        tags: ['account'],
        summary: 'Turn the daily task email on or off',
        body: TaskDigestPreference,
        response: { 200: TaskDigestPreference, ...errors },
      },
    },
    (request) => service.setDigestPreference(memberContext(request), request.body),
  );
}
