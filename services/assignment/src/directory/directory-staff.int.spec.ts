import type { StaffDirectory } from '@kesu/assignment-contracts';
import { STAFF_DIRECTORY } from '../staff-directory';
import { type DirectoryTestApp, startAssignment } from './directory.test-support';

/*
 * Two assignment processes over one store: a directory change one of them records reaches the other
 * within a second, or at once where it reacts to the change itself (`atLeast` its revision) — as
 * dispatch does before it takes waiting complaints from the queues for someone back on duty.
 */

let first: DirectoryTestApp;
let second: DirectoryTestApp;
beforeAll(async () => {
  first = await startAssignment();
  second = await startAssignment({ dataDir: first.dataDir });
});
afterAll(async () => {
  await second.close();
  await first.close();
});

it('answers from a change another process recorded once asked for at least its revision', async () => {
  const staff = second.app.get<StaffDirectory>(STAFF_DIRECTORY);
  expect(await staff.person('demo', 'user-handler2')).toMatchObject({ onDuty: true });

  const reply = await first.request('PUT', 'handler2', '/api/v1/directory/people/user-handler2/duty', {
    payload: { onDuty: false, reason: '排班' },
  });
  expect(reply.statusCode).toBe(200);
  const changed = (await first.directoryEvents('demo')).at(-1)!;
  expect(changed.type).toBe('PersonDutyChanged');

  // the second process answers from what it holds (its clock stands still: it stays fresh)
  expect(await staff.person('demo', 'user-handler2')).toMatchObject({ onDuty: true });
  await staff.atLeast('demo', changed.revision);
  expect(await staff.person('demo', 'user-handler2')).toMatchObject({ onDuty: false });
});
