/** The streaming export REST resource. */
package ai.atlas.web.interfaces.export;
