import { redactConnectionString } from './connect';

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
