export { connectMongo, type MongoConnectionOptions, type MongoStorage } from './mongo-connection';
export { MongoCollection } from './mongo-collection';
export { MongoDocumentStore } from './mongo-document-store';
export { MongoKeyStore } from './mongo-key-store';
export { MongoFileStore } from './mongo-file-store';
