/**
 * The REST interfaces, one package per context. Resources speak DTOs (records), never entities.
 */
package ai.atlas.web.interfaces;
