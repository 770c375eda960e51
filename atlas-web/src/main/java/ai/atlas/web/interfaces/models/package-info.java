/** The models REST resource: the checkpoints of the models folder, with how each was made. */
package ai.atlas.web.interfaces.models;
