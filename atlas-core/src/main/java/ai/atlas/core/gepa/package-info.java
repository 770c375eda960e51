/**
 * GEPA, reflective prompt evolution: a pool of prompt candidates scored per validation instance,
 * parents chosen from the Pareto front, children written by a reflection model from traces and
 * judge feedback and kept only when they beat their parent on a minibatch, merges of lineages that
 * evolved different templates, all within a budget of metric calls. The evaluation and the
 * reflection are ports ({@link ai.atlas.core.gepa.GepaEvaluator}, {@link ai.atlas.core.gepa.Reflector})
 * the runtime and a chat model implement.
 */
package ai.atlas.core.gepa;
