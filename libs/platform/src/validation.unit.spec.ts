import type { ValidationError } from 'class-validator';
import { principalFromClaims } from './principal';
import { fieldErrors } from './validation';

const node = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError => ({
  property,
  constraints,
  children,
});

describe('fieldErrors', () => {
  it('names nested and array fields by their full dot path', () => {
    const errors = [
      node('channel', { isIn: 'channel must be one of hotline, web' }),
      node('complainant', undefined, [
        node('name', { isNotEmpty: 'name should not be empty', length: 'too short' }),
      ]),
      node('items', undefined, [
        node('1', undefined, [node('quantity', { min: 'quantity must not be less than 1' })]),
      ]),
    ];
    expect(fieldErrors(errors)).toEqual([
      { field: 'channel', message: 'channel must be one of hotline, web' },
      { field: 'complainant.name', message: 'name should not be empty; too short' },
      { field: 'items.1.quantity', message: 'quantity must not be less than 1' },
    ]);
  });
});

describe('principalFromClaims', () => {
  it('reads the principal from token claims and refuses incomplete ones', () => {
    const claims = {
      sub: 'u1',
      tid: 'demo',
      roles: ['agent'],
      branches: ['east-1'],
      name: '王芳',
      preferred_username: 'agent1',
    };
    expect(principalFromClaims(claims)).toEqual({
      tenantId: 'demo',
      userId: 'u1',
      username: 'agent1',
      displayName: '王芳',
      roles: ['agent'],
      branchScope: ['east-1'],
    });
    expect(principalFromClaims({ ...claims, tid: undefined })).toBeNull();
    expect(principalFromClaims({ ...claims, roles: 'agent' })).toBeNull();
    expect(principalFromClaims({ ...claims, branches: [1] })).toBeNull();
  });
});
