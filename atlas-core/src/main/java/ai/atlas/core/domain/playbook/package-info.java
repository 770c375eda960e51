/** Playbooks: learned hints per learning key, with their lifecycle and measured impact. */
package ai.atlas.core.domain.playbook;
