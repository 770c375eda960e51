/** Playbook learning: quality gates, injection under a size cap, impact tracking and the lifecycle. */
package ai.atlas.core.application.playbook;
