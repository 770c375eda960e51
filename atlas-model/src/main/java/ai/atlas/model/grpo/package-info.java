/**
 * The GRPO math: group advantages, and the clipped policy-gradient objective with the k3 KL
 * penalty, its four normalisations and its gradient with respect to the logits, behind one
 * interface (the CPU implementation here; the CUDA kernels implement the same).
 */
package ai.atlas.model.grpo;
