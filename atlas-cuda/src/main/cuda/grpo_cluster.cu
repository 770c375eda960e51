// The fused GRPO pass for Hopper and newer GPUs (compute capability 9.0): each logits row is split
// across a cluster of CLUSTER thread blocks that keep their segment of the row in shared memory, so
// the row is read from device memory once and its gradient written once, the least traffic the
// pass can have.
//
// What it computes (per row, the same as grpo_fused_rows_* in grpo.cu; see grpo_common.cuh):
//   1. each block loads its segment into shared memory while accumulating the online max and sum
//      of the tempered logits in float32, and combines them across the block;
//   2. the blocks exchange their (max, sum) through distributed shared memory and every block
//      combines the CLUSTER partials in the same order, so all agree on the log-normaliser;
//   3. every block computes the token's log-prob, ratio, clipping, k3 KL and loss (block 0 of the
//      cluster writes them) and writes its segment's gradient from shared memory to `dlogits`,
//      which may be `logits` itself.
// The segment is ceil(V / CLUSTER) rounded up to 8 elements; the host sizes the dynamic shared
// memory to it and uses grpo_fused_rows_* where a segment does not fit.
//
// How it is built: `nvcc -ptx -arch=compute_90 -O3 grpo_cluster.cu` (build-ptx.sh); the cluster
// shape is fixed at compile time (__cluster_dims__), so a plain cuLaunchKernel launches it with a
// grid of rows × CLUSTER blocks.
#include <cooperative_groups.h>

#include "grpo_common.cuh"

namespace cg = cooperative_groups;

#define CLUSTER 8

// Elements per segment: a multiple of 8 so that every segment of a row starts 16-byte aligned
// whenever the row does (bf16 packs 8 per 16 bytes, float32 4).
__device__ __forceinline__ int segment_length(int vocab) { return ((vocab + CLUSTER - 1) / CLUSTER + 7) / 8 * 8; }

template <typename T>
__device__ void fused_cluster(const T* logits, T* dlogits, int vocab, GrpoArgs a) {
  extern __shared__ __align__(16) unsigned char shared_bytes[];
  T* segment = reinterpret_cast<T*>(shared_bytes);
  __shared__ SoftmaxStats scratch[32];
  __shared__ SoftmaxStats partial;

  cg::cluster_group cluster = cg::this_cluster();
  int rank = (int) cluster.block_rank();
  long row = blockIdx.x / CLUSTER;
  int length = segment_length(vocab);
  int from = rank * length;
  int to = min(vocab, from + length);
  int count = max(0, to - from);
  const T* in = logits + row * (long) vocab + from;
  T* out = dlogits + row * (long) vocab + from;

  // 16-byte loads when the segment starts aligned (vocab a multiple of 8 elements), four in flight
  // per thread so that enough bytes are outstanding to cover device-memory latency.
  constexpr int PER_VECTOR = 16 / sizeof(T);
  bool vectorised = vocab % 8 == 0;
  int vectors = vectorised ? count / PER_VECTOR : 0;
  SoftmaxStats s = stats_empty();
  const uint4* in_vectors = reinterpret_cast<const uint4*>(in);
  uint4* segment_vectors = reinterpret_cast<uint4*>(segment);
  int stride = blockDim.x;
  int i = threadIdx.x;
  for (; i + 3 * stride < vectors; i += 4 * stride) {
    uint4 v[4];
#pragma unroll
    for (int u = 0; u < 4; u++) v[u] = in_vectors[i + u * stride];
#pragma unroll
    for (int u = 0; u < 4; u++) {
      segment_vectors[i + u * stride] = v[u];
      const T* x = reinterpret_cast<const T*>(&v[u]);
#pragma unroll
      for (int k = 0; k < PER_VECTOR; k++) stats_add(s, to_float(x[k]) * a.inv_temperature);
    }
  }
  for (; i < vectors; i += stride) {
    uint4 v = in_vectors[i];
    segment_vectors[i] = v;
    const T* x = reinterpret_cast<const T*>(&v);
#pragma unroll
    for (int k = 0; k < PER_VECTOR; k++) stats_add(s, to_float(x[k]) * a.inv_temperature);
  }
  for (int j = vectors * PER_VECTOR + threadIdx.x; j < count; j += stride) {
    T x = in[j];
    segment[j] = x;
    stats_add(s, to_float(x) * a.inv_temperature);
  }
  s = block_merge(s, scratch);
  __shared__ float z_token;
  if (threadIdx.x == 0) {
    partial = s;
    // The token's logit may lie in another block's segment: read it from device memory (4 bytes),
    // before the barrier, since after it other blocks overwrite their segments when in place.
    z_token = to_float(logits[row * (long) vocab + a.tokens[row]]) * a.inv_temperature;
  }

  // Every block's partial is written before any block reads it ...
  cluster.sync();
  if (threadIdx.x == 0) {
    SoftmaxStats all = stats_empty();
    for (int r = 0; r < CLUSTER; r++) all = stats_merge(all, *cluster.map_shared_rank(&partial, r));
    scratch[0] = all;
  }
  // ... and no block leaves (freeing its shared memory) before all have read.
  cluster.sync();

  __shared__ float row_scale;
  __shared__ float row_log_normaliser;
  if (threadIdx.x == 0) {
    SoftmaxStats all = scratch[0];
    float log_normaliser = all.max + logf(all.sum);
    row_log_normaliser = log_normaliser;
    row_scale = token_scalars(a, row, z_token, log_normaliser, rank == 0);
  }
  __syncthreads();
  float scale = row_scale;
  float log_normaliser = row_log_normaliser;
  int token = a.tokens[row] - from;

  uint4* out_vectors = reinterpret_cast<uint4*>(out);
  for (int v = threadIdx.x; v < vectors; v += stride) {
    uint4 packed = segment_vectors[v];
    T* x = reinterpret_cast<T*>(&packed);
#pragma unroll
    for (int k = 0; k < PER_VECTOR; k++) {
      float p = expf(to_float(x[k]) * a.inv_temperature - log_normaliser);
      store(x + k, scale * ((v * PER_VECTOR + k == token ? 1.0f : 0.0f) - p));
    }
    out_vectors[v] = packed;
  }
  for (int j = vectors * PER_VECTOR + threadIdx.x; j < count; j += stride) {
    float p = expf(to_float(segment[j]) * a.inv_temperature - log_normaliser);
    store(out + j, scale * ((j == token ? 1.0f : 0.0f) - p));
  }
}

extern "C" __global__ void __cluster_dims__(CLUSTER, 1, 1)
grpo_fused_cluster_f32(const float* logits, float* dlogits, int vocab, GRPO_ARGS_PARAMS) {
  fused_cluster<float>(logits, dlogits, vocab, GRPO_ARGS);
}

extern "C" __global__ void __cluster_dims__(CLUSTER, 1, 1)
grpo_fused_cluster_bf16(const __nv_bfloat16* logits, __nv_bfloat16* dlogits, int vocab, GRPO_ARGS_PARAMS) {
  fused_cluster<__nv_bfloat16>(logits, dlogits, vocab, GRPO_ARGS);
}
