#!/bin/sh
# Creates the Kesu topics and their dead-letter topics; idempotent, so it runs on every start.
# Used by the compose job `kafka-topics` (deploy/compose/compose.yaml) and the Kubernetes Job
# `kafka-topics` (deploy/k8s/base/kafka-topics.yaml) with the apache/kafka image's kafka-topics.sh.
#
# TOPICS: one topic per stream category, `complaints.<category>.v1` (libs/ports/src/topics.ts), for
# every category of contracts/events/catalog.json; each also gets `<topic>.dlq`. Every topic is
# keyed by complaint id, so one complaint's events keep their order within a partition.
# test/contracts/deploy-topics.spec.ts fails when this list, the catalog and contracts/asyncapi.yaml differ:
# a new service's first event type means a catalog entry, an AsyncAPI channel and a word here.
TOPICS="complaints.intake.v1 complaints.classification.v1 complaints.followup.v1 complaints.assignment.v1 complaints.sla.v1 complaints.analytics.v1"

# KAFKA_BROKERS       comma-separated bootstrap servers (required)
# KAFKA_PARTITIONS    partitions per topic (default 6): the most consumers of one group that get work
# KAFKA_REPLICATION_FACTOR  1 for a single broker; 3 (with min.insync.replicas=2) in production
set -eu
: "${KAFKA_BROKERS:?KAFKA_BROKERS is required}"
partitions="${KAFKA_PARTITIONS:-6}"
replication="${KAFKA_REPLICATION_FACTOR:-1}"
min_isr=1
if [ "$replication" -ge 3 ]; then min_isr=2; fi
kafka_topics="${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh"

attempt=0
until "$kafka_topics" --bootstrap-server "$KAFKA_BROKERS" --list >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "kafka-topics: no broker answered at $KAFKA_BROKERS" >&2
    exit 1
  fi
  echo "kafka-topics: waiting for $KAFKA_BROKERS ($attempt)"
  sleep 2
done

for topic in $TOPICS; do
  for name in "$topic" "$topic.dlq"; do
    "$kafka_topics" --bootstrap-server "$KAFKA_BROKERS" --create --if-not-exists --topic "$name" \
      --partitions "$partitions" --replication-factor "$replication" \
      --config min.insync.replicas="$min_isr"
    # An existing topic keeps its partitions: adding some would move keys (and so one complaint's
    # events) to other partitions. Say so instead of changing it.
    actual=$("$kafka_topics" --bootstrap-server "$KAFKA_BROKERS" --describe --topic "$name" |
      sed -n 's/.*PartitionCount: *\([0-9][0-9]*\).*/\1/p' | head -n 1)
    if [ "$actual" != "$partitions" ]; then
      echo "kafka-topics: warning: $name has $actual partitions, KAFKA_PARTITIONS is $partitions (left as it is)" >&2
    fi
    echo "kafka-topics: $name ready ($actual partitions, replication factor $replication)"
  done
done
