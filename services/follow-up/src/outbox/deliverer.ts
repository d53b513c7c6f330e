import { replicaName } from '@kesu/platform';

/** DI token of this process's name as a deliverer: who a delivery claim names. */
export const DELIVERER = Symbol('DELIVERER');

export const delivererProvider = { provide: DELIVERER, useFactory: () => replicaName() };
