/** The playbooks REST resource. */
package ai.atlas.web.interfaces.playbooks;
