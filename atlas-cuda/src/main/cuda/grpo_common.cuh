// Shared device code of the GRPO kernels (grpo.cu, grpo_cluster.cu): element loads for float32
// and bf16 logits, the online (max, sum) softmax statistics and their block-wide combination, and
// the per-token GRPO scalars. Included by the .cu files; not compiled on its own.
//
// The math follows ai.atlas.model.grpo.CpuGrpoObjective: z = logits / temperature,
// logp = z[y] - logsumexp(z), r = exp(logp - old), clipped ratio, k3 KL, and the gradient
// w·g/temperature·(onehot(y) - softmax(z)) with g = (clipped ? 0 : -A·r) + beta·(1 - exp(ref - logp)).
#pragma once

#include <cuda_bf16.h>
#include <math_constants.h>

// Loads one logit as float. bf16 is widened exactly; arithmetic is float32 throughout.
__device__ __forceinline__ float to_float(float x) { return x; }
__device__ __forceinline__ float to_float(__nv_bfloat16 x) { return __bfloat162float(x); }

// Stores a gradient element in the logits' own type (round to nearest even for bf16).
__device__ __forceinline__ void store(float* p, float x) { *p = x; }
__device__ __forceinline__ void store(__nv_bfloat16* p, float x) { *p = __float2bfloat16_rn(x); }

// Running softmax statistics of a set of scaled logits: their maximum m and sum of exp(z - m).
struct SoftmaxStats {
  float max;
  float sum;
};

__device__ __forceinline__ SoftmaxStats stats_empty() { return {-CUDART_INF_F, 0.0f}; }

// Adds one value, rescaling the sum when the maximum moves (one exp per element).
__device__ __forceinline__ void stats_add(SoftmaxStats& s, float z) {
  if (z > s.max) {
    s.sum = s.sum * expf(s.max - z) + 1.0f;
    s.max = z;
  } else if (z != -CUDART_INF_F) {
    // (a -inf logit, a masked-out token, adds nothing; skipping it avoids -inf - -inf = NaN)
    s.sum += expf(z - s.max);
  }
}

// Combines two partial statistics; an empty side (max = -inf) contributes nothing and never
// produces inf - inf.
__device__ __forceinline__ SoftmaxStats stats_merge(SoftmaxStats a, SoftmaxStats b) {
  if (a.max == -CUDART_INF_F) return b;
  if (b.max == -CUDART_INF_F) return a;
  float m = fmaxf(a.max, b.max);
  return {m, a.sum * expf(a.max - m) + b.sum * expf(b.max - m)};
}

__device__ __forceinline__ SoftmaxStats warp_merge(SoftmaxStats s) {
  for (int offset = 16; offset > 0; offset >>= 1) {
    SoftmaxStats other = {__shfl_xor_sync(0xffffffffu, s.max, offset), __shfl_xor_sync(0xffffffffu, s.sum, offset)};
    s = stats_merge(s, other);
  }
  return s;
}

// Block-wide combination; every thread gets the block's statistics. `scratch` holds 32 entries.
// The combination order is fixed by thread index, so results repeat exactly run to run.
__device__ SoftmaxStats block_merge(SoftmaxStats s, SoftmaxStats* scratch) {
  int lane = threadIdx.x & 31;
  int warp = threadIdx.x >> 5;
  int warps = (blockDim.x + 31) >> 5;
  s = warp_merge(s);
  if (lane == 0) scratch[warp] = s;
  __syncthreads();
  if (warp == 0) {
    SoftmaxStats t = lane < warps ? scratch[lane] : stats_empty();
    t = warp_merge(t);
    if (lane == 0) scratch[0] = t;
  }
  __syncthreads();
  SoftmaxStats result = scratch[0];
  __syncthreads();
  return result;
}

// What the GRPO math needs besides the logits, in one struct passed by value.
struct GrpoArgs {
  const int* tokens;        // rows
  const float* advantages;  // one per completion; row r belongs to completion r / positions
  const float* old_logp;    // rows, or null: on-policy (old = logp)
  const float* ref_logp;    // rows, or null: no KL term
  const float* weights;     // rows: each token's normalisation weight (0 where masked)
  float* out_logp;          // rows
  float* out_loss;          // rows: the token's unweighted loss
  float* out_k3;            // rows: the token's k3 KL (0 without a reference)
  float* out_clipped;       // rows: 1 where the ratio was clipped
  int positions;            // T
  float inv_temperature;
  float epsilon_low;
  float epsilon_high;
  float beta;
};

// The kernels take the fields one by one (JCuda passes each argument through a pointer and cannot
// see device addresses to lay out a struct); GRPO_ARGS_PARAMS and GRPO_ARGS rebuild it.
#define GRPO_ARGS_PARAMS                                                                            \
  const int *tokens, const float *advantages, const float *old_logp, const float *ref_logp,         \
      const float *weights, float *out_logp, float *out_loss, float *out_k3, float *out_clipped,    \
      int positions, float inv_temperature, float epsilon_low, float epsilon_high, float beta
#define GRPO_ARGS                                                                                   \
  GrpoArgs {tokens, advantages, old_logp, ref_logp, weights, out_logp, out_loss, out_k3,            \
            out_clipped, positions, inv_temperature, epsilon_low, epsilon_high, beta}

// Computes one token's scalars from its log-normaliser and writes them (when `write` is set);
// returns the factor of its gradient row: w·g/temperature.
__device__ float token_scalars(const GrpoArgs& a, long row, float z_token, float log_normaliser, bool write) {
  float lp = z_token - log_normaliser;
  float old = a.old_logp == nullptr ? lp : a.old_logp[row];
  float advantage = a.advantages[row / a.positions];
  float ratio = expf(lp - old);
  float clipped_ratio = fminf(fmaxf(ratio, 1.0f - a.epsilon_low), 1.0f + a.epsilon_high);
  bool clipped = (advantage > 0 && ratio > 1.0f + a.epsilon_high) || (advantage < 0 && ratio < 1.0f - a.epsilon_low);
  float loss = -fminf(ratio * advantage, clipped_ratio * advantage);
  float g = clipped ? 0.0f : -advantage * ratio;
  float k3 = 0.0f;
  if (a.ref_logp != nullptr && a.beta != 0.0f) {
    float delta = a.ref_logp[row] - lp;
    float e = expf(delta);
    k3 = e - delta - 1.0f;
    loss += a.beta * k3;
    g += a.beta * (1.0f - e);
  }
  if (write) {
    a.out_logp[row] = lp;
    a.out_loss[row] = loss;
    a.out_k3[row] = k3;
    a.out_clipped[row] = clipped ? 1.0f : 0.0f;
  }
  return a.weights[row] * g * a.inv_temperature;
}
