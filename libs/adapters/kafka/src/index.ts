export { connectKafka, KafkaMessageLog, type KafkaClients } from './kafka-message-log';
export type { KafkaConnectOptions, KafkaConsumerTuning, KafkaLogger } from './kafka-options';
export { MessageIdHeader } from './message-codec';
