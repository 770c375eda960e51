/** The core's metric ports as MicroProfile Metrics of the server: sessions, rewards, model calls, training. */
package ai.atlas.server.metrics;
