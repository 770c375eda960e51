/** Agent profiles: what a session runs with (adapter, models, judges, orchestration, reward and learning settings). */
package ai.atlas.core.domain.profile;
