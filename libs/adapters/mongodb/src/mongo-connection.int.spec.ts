import { createServer, type Server } from 'node:net';
import { connectMongo } from './mongo-connection';

/** No MongoDB needed: a closed port on this machine stands for a server that cannot be reached. */
describe('connectMongo without a server', () => {
  let port: number;

  beforeAll(async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails with a message naming the URL, password masked', async () => {
    const url = `mongodb://kesu:s3cret@127.0.0.1:${port}/kesu?serverSelectionTimeoutMS=300`;
    const failure = connectMongo({ url });
    await expect(failure).rejects.toThrow(
      `cannot reach MongoDB at mongodb://kesu:****@127.0.0.1:${port}/kesu?serverSelectionTimeoutMS=300`,
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('fails on a URL that is not one, naming it', async () => {
    await expect(connectMongo({ url: 'postgres://u:pw@localhost/db' })).rejects.toThrow(
      /^invalid MongoDB URL postgres:\/\/u:\*\*\*\*@localhost\/db/,
    );
  });
});
