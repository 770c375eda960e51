/** Which server this is among those sharing one database: the id that claims queued work. */
package ai.atlas.core.application.cluster;
