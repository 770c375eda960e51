// GRPO kernels for any CUDA GPU of compute capability 7.5 or newer.
//
// What it computes (see grpo_common.cuh for the per-token math):
//   grpo_fused_rows_f32 / _bf16   one block per logits row: the online max and sum of the
//       tempered row in float32, the sampled token's log-prob, ratio, clipping, k3 KL and token
//       loss, then the gradient with respect to the logits, written to `dlogits` (which may be
//       `logits` itself: every element is read before the same thread overwrites it). The row is
//       read twice (statistics, then gradient); grpo_cluster.cu keeps it on chip instead.
//   grpo_token_weights            each token's normalisation weight for grpo, bnpo, dr_grpo, dapo.
//   grpo_masked_reduce            the weighted loss sum and the masked means of k3 and of the
//                                 clipped indicator, in double, in a fixed order.
//   grpo_group_advantages         group-relative advantages with group, batch or no scaling.
//   fill_uniform_f32 / _bf16      deterministic pseudo-random logits for the benchmark.
//
// How it is built: `nvcc -ptx -arch=compute_75 -O3 grpo.cu` (build-ptx.sh, run by Maven when nvcc
// is on the PATH); the PTX is packaged as a resource and loaded with cuModuleLoadData.
#include "grpo_common.cuh"

// Vector width of the loads: 16 bytes per thread per load.
template <typename T> struct Vec;
template <> struct Vec<float> { static constexpr int N = 4; using Type = float4; };
template <> struct Vec<__nv_bfloat16> { static constexpr int N = 8; using Type = uint4; };

template <typename T>
__device__ __forceinline__ void unpack(const typename Vec<T>::Type& v, float* out);

template <>
__device__ __forceinline__ void unpack<float>(const float4& v, float* out) {
  out[0] = v.x; out[1] = v.y; out[2] = v.z; out[3] = v.w;
}

template <>
__device__ __forceinline__ void unpack<__nv_bfloat16>(const uint4& v, float* out) {
  const __nv_bfloat16* h = reinterpret_cast<const __nv_bfloat16*>(&v);
#pragma unroll
  for (int k = 0; k < 8; k++) out[k] = __bfloat162float(h[k]);
}

template <typename T>
__device__ __forceinline__ typename Vec<T>::Type pack(const float* in);

template <>
__device__ __forceinline__ float4 pack<float>(const float* in) { return make_float4(in[0], in[1], in[2], in[3]); }

template <>
__device__ __forceinline__ uint4 pack<__nv_bfloat16>(const float* in) {
  uint4 v;
  __nv_bfloat16* h = reinterpret_cast<__nv_bfloat16*>(&v);
#pragma unroll
  for (int k = 0; k < 8; k++) h[k] = __float2bfloat16_rn(in[k]);
  return v;
}

template <typename T>
__device__ void fused_rows(const T* logits, T* dlogits, int vocab, GrpoArgs a) {
  __shared__ SoftmaxStats scratch[32];
  __shared__ float row_scale;
  __shared__ float row_log_normaliser;
  constexpr int N = Vec<T>::N;
  using V = typename Vec<T>::Type;
  long row = blockIdx.x;
  const T* in = logits + row * (long) vocab;
  T* out = dlogits + row * (long) vocab;
  // Vector loads need every row to start on a 16-byte boundary: vocab a multiple of N.
  bool vectorised = vocab % N == 0;
  int vectors = vectorised ? vocab / N : 0;

  SoftmaxStats s = stats_empty();
  for (int i = threadIdx.x; i < vectors; i += blockDim.x) {
    float x[N];
    unpack<T>(reinterpret_cast<const V*>(in)[i], x);
#pragma unroll
    for (int k = 0; k < N; k++) stats_add(s, x[k] * a.inv_temperature);
  }
  for (int j = vectors * N + threadIdx.x; j < vocab; j += blockDim.x) {
    stats_add(s, to_float(in[j]) * a.inv_temperature);
  }
  s = block_merge(s, scratch);

  if (threadIdx.x == 0) {
    float log_normaliser = s.max + logf(s.sum);
    float z_token = to_float(in[a.tokens[row]]) * a.inv_temperature;
    row_log_normaliser = log_normaliser;
    row_scale = token_scalars(a, row, z_token, log_normaliser, true);
  }
  __syncthreads();
  float scale = row_scale;
  float log_normaliser = row_log_normaliser;
  int token = a.tokens[row];

  for (int i = threadIdx.x; i < vectors; i += blockDim.x) {
    float x[N];
    unpack<T>(reinterpret_cast<const V*>(in)[i], x);
#pragma unroll
    for (int k = 0; k < N; k++) {
      float p = expf(x[k] * a.inv_temperature - log_normaliser);
      x[k] = scale * ((i * N + k == token ? 1.0f : 0.0f) - p);
    }
    reinterpret_cast<V*>(out)[i] = pack<T>(x);
  }
  for (int j = vectors * N + threadIdx.x; j < vocab; j += blockDim.x) {
    float p = expf(to_float(in[j]) * a.inv_temperature - log_normaliser);
    store(out + j, scale * ((j == token ? 1.0f : 0.0f) - p));
  }
}

extern "C" __global__ void grpo_fused_rows_f32(const float* logits, float* dlogits, int vocab, GRPO_ARGS_PARAMS) {
  fused_rows<float>(logits, dlogits, vocab, GRPO_ARGS);
}

extern "C" __global__ void grpo_fused_rows_bf16(const __nv_bfloat16* logits, __nv_bfloat16* dlogits, int vocab, GRPO_ARGS_PARAMS) {
  fused_rows<__nv_bfloat16>(logits, dlogits, vocab, GRPO_ARGS);
}

// Block-wide sum in double of one value per thread; the order is fixed by thread index.
__device__ double block_sum(double x, double* scratch) {
  int lane = threadIdx.x & 31;
  int warp = threadIdx.x >> 5;
  int warps = (blockDim.x + 31) >> 5;
  for (int offset = 16; offset > 0; offset >>= 1) x += __shfl_xor_sync(0xffffffffu, x, offset);
  if (lane == 0) scratch[warp] = x;
  __syncthreads();
  if (warp == 0) {
    double t = lane < warps ? scratch[lane] : 0.0;
    for (int offset = 16; offset > 0; offset >>= 1) t += __shfl_xor_sync(0xffffffffu, t, offset);
    if (lane == 0) scratch[0] = t;
  }
  __syncthreads();
  double result = scratch[0];
  __syncthreads();
  return result;
}

// Loss types, numbered as ai.atlas.model.grpo.LossType's ordinals.
enum { LOSS_GRPO = 0, LOSS_BNPO = 1, LOSS_DR_GRPO = 2, LOSS_DAPO = 3 };

// One block per completion. Every block also sums the whole mask (bnpo needs it); masks are
// B×T floats, tiny next to the logits.
extern "C" __global__ void grpo_token_weights(const float* mask, int completions, int positions, int loss_type,
                                              int max_completion_length, int num_items_in_batch, float* weights) {
  __shared__ double scratch[32];
  int i = blockIdx.x;
  double length = 0;
  for (int s = threadIdx.x; s < positions; s += blockDim.x) length += mask[(long) i * positions + s];
  length = block_sum(length, scratch);
  double active = 0;
  if (loss_type == LOSS_BNPO) {
    for (long r = threadIdx.x; r < (long) completions * positions; r += blockDim.x) active += mask[r];
    active = block_sum(active, scratch);
  }
  double factor;
  switch (loss_type) {
    case LOSS_GRPO: factor = 1.0 / (fmax(1.0, length) * completions); break;
    case LOSS_BNPO: factor = 1.0 / fmax(1.0, active); break;
    case LOSS_DR_GRPO: factor = 1.0 / ((double) completions * max_completion_length); break;
    default: factor = 1.0 / num_items_in_batch; break;
  }
  for (int s = threadIdx.x; s < positions; s += blockDim.x) {
    long r = (long) i * positions + s;
    weights[r] = (float) (mask[r] * factor);
  }
}

// One block: out = {sum w·loss, masked mean of k3, masked mean of clipped, sum of the mask}.
extern "C" __global__ void grpo_masked_reduce(const float* weights, const float* mask, const float* loss, const float* k3,
                                              const float* clipped, long rows, double* out) {
  __shared__ double scratch[32];
  double total = 0, active = 0, kl = 0, clips = 0;
  for (long r = threadIdx.x; r < rows; r += blockDim.x) {
    total += (double) weights[r] * loss[r];
    active += mask[r];
    kl += (double) mask[r] * k3[r];
    clips += (double) mask[r] * clipped[r];
  }
  total = block_sum(total, scratch);
  active = block_sum(active, scratch);
  kl = block_sum(kl, scratch);
  clips = block_sum(clips, scratch);
  if (threadIdx.x == 0) {
    double denominator = fmax(1.0, active);
    out[0] = total;
    out[1] = kl / denominator;
    out[2] = clips / denominator;
    out[3] = active;
  }
}

// Scalings, numbered as ai.atlas.model.grpo.Advantages.Scale's ordinals.
enum { SCALE_GROUP = 0, SCALE_BATCH = 1, SCALE_NONE = 2 };

// Unbiased standard deviation of values[from, to) in double (0 for fewer than two values).
__device__ double std_of(const float* values, int from, int to) {
  int n = to - from;
  if (n < 2) return 0.0;
  double mean = 0;
  for (int i = from; i < to; i++) mean += values[i];
  mean /= n;
  double squares = 0;
  for (int i = from; i < to; i++) squares += (values[i] - mean) * (values[i] - mean);
  return sqrt(squares / (n - 1));
}

// One block; each thread takes whole groups. Rewards per batch are at most a few thousand.
extern "C" __global__ void grpo_group_advantages(const float* rewards, int count, int generations, int scale, float* out) {
  __shared__ double batch_std;
  if (threadIdx.x == 0) batch_std = scale == SCALE_BATCH ? std_of(rewards, 0, count) : 0.0;
  __syncthreads();
  for (int g = threadIdx.x * generations; g < count; g += blockDim.x * generations) {
    double mean = 0;
    for (int i = g; i < g + generations; i++) mean += rewards[i];
    mean /= generations;
    double divisor = scale == SCALE_GROUP ? std_of(rewards, g, g + generations) + 1e-4
                   : scale == SCALE_BATCH ? batch_std + 1e-4
                   : 1.0;
    for (int i = g; i < g + generations; i++) out[i] = (float) ((rewards[i] - mean) / divisor);
  }
}

// Counter-based pseudo-random values in [-scale, scale): the benchmark's logits, made on the device.
__device__ __forceinline__ float hash_uniform(unsigned long long i, unsigned int seed) {
  unsigned long long x = i * 0x9E3779B97F4A7C15ull + seed;
  x ^= x >> 30; x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27; x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return (float) (x >> 40) * (1.0f / 16777216.0f) * 2.0f - 1.0f;
}

extern "C" __global__ void fill_uniform_f32(float* out, long count, unsigned int seed, float scale) {
  for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < count; i += (long) gridDim.x * blockDim.x) {
    out[i] = scale * hash_uniform(i, seed);
  }
}

extern "C" __global__ void fill_uniform_bf16(__nv_bfloat16* out, long count, unsigned int seed, float scale) {
  for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < count; i += (long) gridDim.x * blockDim.x) {
    out[i] = __float2bfloat16_rn(scale * hash_uniform(i, seed));
  }
}
