/** DI token of the `StaffDirectory` (`@kesu/assignment-contracts`) dispatch and escalation read people from. */
export const STAFF_DIRECTORY = Symbol('STAFF_DIRECTORY');
