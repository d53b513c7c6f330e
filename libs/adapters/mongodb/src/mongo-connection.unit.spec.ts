import { databaseInUrl, maskPassword } from './mongo-connection';

describe('maskPassword', () => {
  it('hides the password and keeps the rest', () => {
    expect(maskPassword('mongodb://kesu:s3cret@db1:27017,db2:27017/app?replicaSet=rs0')).toBe(
      'mongodb://kesu:****@db1:27017,db2:27017/app?replicaSet=rs0',
    );
    expect(maskPassword('mongodb+srv://kesu:p%40ss@cluster.example.org/app')).toBe(
      'mongodb+srv://kesu:****@cluster.example.org/app',
    );
  });

  it('leaves URLs without a password alone', () => {
    for (const url of [
      'mongodb://localhost:27017/kesu',
      'mongodb://kesu@localhost/kesu',
      'mongodb://localhost:27017/kesu?authSource=a@b',
    ]) {
      expect(maskPassword(url)).toBe(url);
    }
  });
});

describe('databaseInUrl', () => {
  it('reads the database from the path', () => {
    expect(databaseInUrl('mongodb://localhost:27017/kesu')).toBe('kesu');
    expect(databaseInUrl('mongodb://u:p@db1,db2/app-prod?replicaSet=rs0')).toBe('app-prod');
    expect(databaseInUrl('mongodb+srv://cluster.example.org/my%20db')).toBe('my db');
  });

  it('is undefined without one', () => {
    expect(databaseInUrl('mongodb://localhost:27017')).toBeUndefined();
    expect(databaseInUrl('mongodb://localhost:27017/')).toBeUndefined();
    expect(databaseInUrl('mongodb://localhost:27017/?replicaSet=rs0')).toBeUndefined();
  });
});
