/**
 * Partitions of batch steps that run on any server sharing the database (Open Liberty has no
 * batch JMS dispatcher): the dispatching half, which waits in the partition's batch thread.
 */
package ai.atlas.batch.partition;
