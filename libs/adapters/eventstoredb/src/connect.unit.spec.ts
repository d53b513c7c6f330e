import { reasonOf, redactConnectionString } from './connect';

describe('connection strings in messages', () => {
  it('mask the password', () => {
    expect(redactConnectionString('kurrentdb://admin:changeit@db-1:2113,db-2:2113?tls=true')).toBe(
      'kurrentdb://admin:***@db-1:2113,db-2:2113?tls=true',
    );
  });

  it('stay as they are without credentials', () => {
    expect(redactConnectionString('kurrentdb://localhost:2113?tls=false')).toBe(
      'kurrentdb://localhost:2113?tls=false',
    );
  });
});

describe('why the store could not start', () => {
  it('names the rights the store needs when the server refuses the user', () => {
    const refused = Object.assign(new Error('Access denied'), { type: 'access-denied' });
    expect(reasonOf(refused)).toMatch(/read and subscribe to \$all .* \$bc- system streams .*\$admins/);
  });

  it('passes any other failure on as it is', () => {
    expect(reasonOf(new Error('connect ECONNREFUSED 127.0.0.1:2113'))).toBe(
      'Error: connect ECONNREFUSED 127.0.0.1:2113',
    );
    expect(reasonOf('timeout')).toBe('timeout');
  });
});
