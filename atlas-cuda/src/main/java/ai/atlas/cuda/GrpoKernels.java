package ai.atlas.cuda;

import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.GrpoParams;
import java.util.EnumMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;

/**
 * The GRPO kernels of one device, resolved once, with a launcher per kernel that checks the
 * launch's result. Launches are asynchronous; {@link CudaDevice#synchronize} reports errors that
 * happen while a kernel runs.
 */
public final class GrpoKernels {

  /** Blocks per row of the cluster kernel (CLUSTER in grpo_cluster.cu). */
  static final int CLUSTER = 8;
  private static final int ROW_THREADS = 1024;
  private static final int CLUSTER_THREADS = 512;
  private static final int REDUCE_THREADS = 1024;

  /** Which fused kernel to use: the cluster kernel where it fits, or the one-block-per-row one. */
  public enum Variant {
    AUTO,
    ROWS,
    CLUSTER
  }

  static final String WEIGHTS = "grpo_token_weights";
  static final String REDUCE = "grpo_masked_reduce";
  static final String ADVANTAGES = "grpo_group_advantages";

  private static GrpoKernels loaded;

  private final CudaDevice device;
  private final Map<Precision, CUfunction> rows = new EnumMap<>(Precision.class);
  private final Map<Precision, CUfunction> clusters = new EnumMap<>(Precision.class);
  private final Map<Precision, CUfunction> fills = new EnumMap<>(Precision.class);
  private final CUfunction weights;
  private final CUfunction reduce;
  private final CUfunction advantages;

  private GrpoKernels(CudaDevice device) {
    this.device = device;
    for (Precision precision : Precision.values()) {
      rows.put(precision, device.function(rowsKernel(precision)));
      fills.put(precision, device.function(fillKernel(precision)));
      if (device.supportsClusters()) {
        CUfunction function = device.clusterFunction(clusterKernel(precision));
        // the segment lives in dynamic shared memory, beyond the default 48 KiB per block
        CudaException.check(cuFuncSetAttribute(function, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
            clusterSharedLimit(device)), "cuFuncSetAttribute(max dynamic shared memory)");
        clusters.put(precision, function);
      }
    }
    weights = device.function(WEIGHTS);
    reduce = device.function(REDUCE);
    advantages = device.function(ADVANTAGES);
  }

  static String rowsKernel(Precision precision) {
    return "grpo_fused_rows_" + precision.suffix();
  }

  static String clusterKernel(Precision precision) {
    return "grpo_fused_cluster_" + precision.suffix();
  }

  static String fillKernel(Precision precision) {
    return "fill_uniform_" + precision.suffix();
  }

  /** The kernels of the machine's device, loaded on first use. */
  public static synchronized GrpoKernels get() {
    if (loaded == null) {
      CudaDevice device = CudaDevice.get();
      device.bind();
      loaded = new GrpoKernels(device);
    }
    loaded.device.bind();
    return loaded;
  }

  public CudaDevice device() {
    return device;
  }

  /** Dynamic shared memory the cluster kernel may use: the opt-in limit less its static part. */
  private static int clusterSharedLimit(CudaDevice device) {
    return device.sharedMemoryOptIn() - 1024;
  }

  /** Elements of a row one block of the cluster kernel holds (segment_length in grpo_cluster.cu). */
  static int segmentLength(int vocab) {
    return ((vocab + CLUSTER - 1) / CLUSTER + 7) / 8 * 8;
  }

  /** The variant {@code requested} resolves to for a vocabulary and precision on this device. */
  public Variant resolve(Variant requested, int vocab, Precision precision) {
    boolean fits = device.supportsClusters() && (long) segmentLength(vocab) * precision.bytes() <= clusterSharedLimit(device);
    return switch (requested) {
      case ROWS -> Variant.ROWS;
      case CLUSTER -> {
        if (!fits) {
          throw new CudaUnavailableException("the cluster kernel needs compute capability 9.0 and a row segment that fits in shared memory");
        }
        yield Variant.CLUSTER;
      }
      case AUTO -> fits ? Variant.CLUSTER : Variant.ROWS;
    };
  }

  /** The device inputs and outputs of one fused pass; optional inputs may be null. */
  public record FusedArgs(DeviceBuffer tokens, DeviceBuffer advantages, DeviceBuffer oldLogp, DeviceBuffer refLogp,
      DeviceBuffer weights, DeviceBuffer logp, DeviceBuffer loss, DeviceBuffer k3, DeviceBuffer clipped) {}

  /**
   * The fused pass over {@code rows} rows of {@code vocab} logits; {@code dlogits} may be the
   * logits buffer itself (in place). Returns the variant that ran.
   */
  public Variant fused(Variant requested, Precision precision, DeviceBuffer logits, DeviceBuffer dlogits, int rows, int vocab,
      int positions, GrpoParams params, FusedArgs args) {
    if (rows == 0) {
      return requested;
    }
    Variant variant = resolve(requested, vocab, precision);
    Pointer parameters = Pointer.to(
        Pointer.to(logits.pointer()), Pointer.to(dlogits.pointer()), Pointer.to(new int[] {vocab}),
        Pointer.to(args.tokens().pointer()), Pointer.to(args.advantages().pointer()), Pointer.to(nullable(args.oldLogp())),
        Pointer.to(nullable(args.refLogp())), Pointer.to(args.weights().pointer()), Pointer.to(args.logp().pointer()),
        Pointer.to(args.loss().pointer()), Pointer.to(args.k3().pointer()), Pointer.to(args.clipped().pointer()),
        Pointer.to(new int[] {positions}), Pointer.to(new float[] {(float) (1.0 / params.temperature())}),
        Pointer.to(new float[] {(float) params.epsilonLow()}), Pointer.to(new float[] {(float) params.epsilonHigh()}),
        Pointer.to(new float[] {args.refLogp() == null ? 0f : (float) params.beta()}));
    if (variant == Variant.CLUSTER) {
      int shared = segmentLength(vocab) * precision.bytes();
      launch(clusters.get(precision), clusterKernel(precision), rows * CLUSTER, CLUSTER_THREADS, shared, parameters);
    } else {
      launch(this.rows.get(precision), rowsKernel(precision), rows, ROW_THREADS, 0, parameters);
    }
    return variant;
  }

  /** Each token's normalisation weight from the mask (B×T) into {@code out}. */
  public void tokenWeights(DeviceBuffer mask, int completions, int positions, GrpoParams params, DeviceBuffer out) {
    if (completions == 0) {
      return;
    }
    Integer items = params.numItemsInBatch();
    launch(weights, WEIGHTS, completions, 256, 0, Pointer.to(
        Pointer.to(mask.pointer()), Pointer.to(new int[] {completions}), Pointer.to(new int[] {positions}),
        Pointer.to(new int[] {params.lossType().ordinal()}), Pointer.to(new int[] {params.maxCompletionLength()}),
        Pointer.to(new int[] {items == null ? 1 : items}), Pointer.to(out.pointer())));
  }

  /** {sum w·loss, masked mean k3, masked mean clipped, sum mask} as four doubles into {@code out}. */
  public void maskedReduce(DeviceBuffer weights, DeviceBuffer mask, DeviceBuffer loss, DeviceBuffer k3, DeviceBuffer clipped, long rows,
      DeviceBuffer out) {
    launch(reduce, REDUCE, 1, REDUCE_THREADS, 0, Pointer.to(
        Pointer.to(weights.pointer()), Pointer.to(mask.pointer()), Pointer.to(loss.pointer()), Pointer.to(k3.pointer()),
        Pointer.to(clipped.pointer()), Pointer.to(new long[] {rows}), Pointer.to(out.pointer())));
  }

  /** Group-relative advantages of {@code count} rewards into {@code out}. */
  public void groupAdvantages(DeviceBuffer rewards, int count, int generations, Advantages.Scale scale, DeviceBuffer out) {
    launch(advantages, ADVANTAGES, 1, 256, 0, Pointer.to(
        Pointer.to(rewards.pointer()), Pointer.to(new int[] {count}), Pointer.to(new int[] {generations}),
        Pointer.to(new int[] {scale.ordinal()}), Pointer.to(out.pointer())));
  }

  /** Pseudo-random values in [-scale, scale) (the benchmark's logits). */
  public void fillUniform(Precision precision, DeviceBuffer out, long count, int seed, float scale) {
    launch(fills.get(precision), fillKernel(precision), device.multiprocessors() * 8, 256, 0, Pointer.to(
        Pointer.to(out.pointer()), Pointer.to(new long[] {count}), Pointer.to(new int[] {seed}), Pointer.to(new float[] {scale})));
  }

  private static CUdeviceptr nullable(DeviceBuffer buffer) {
    // a CUdeviceptr that was never allocated is the null device pointer
    return buffer == null ? new CUdeviceptr() : buffer.pointer();
  }

  private static void launch(CUfunction function, String name, int blocks, int threads, int sharedBytes, Pointer parameters) {
    CudaException.check(cuLaunchKernel(function, blocks, 1, 1, threads, 1, 1, sharedBytes, null, parameters, null), "launch of " + name);
  }
}
