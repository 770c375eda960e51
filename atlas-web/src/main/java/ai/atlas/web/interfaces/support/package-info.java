/** Helpers shared by the REST resources. */
package ai.atlas.web.interfaces.support;
