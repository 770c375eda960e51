/**
 * The GRPO objective on an NVIDIA GPU: the kernels of {@code src/main/cuda} (compiled to PTX at
 * build time, loaded with {@code cuModuleLoadData}) launched through JCuda's driver API, the choice
 * between this backend and the CPU at start, and the kernel benchmark.
 */
package ai.atlas.cuda;
