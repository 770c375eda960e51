/**
 * The task families the engine's demos and tests train on, generated from a seed with verifiable
 * answers: arithmetic word problems and letter lookup (the teaching demo's family).
 */
package ai.atlas.model.tasks;
