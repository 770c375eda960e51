package ai.atlas.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's PTX, checked without a GPU: where nvcc built it, it declares every kernel the Java
 * side resolves, and ptxas assembles it for Hopper (sm_90), which catches register and shared
 * memory overruns before a GPU ever loads it.
 */
class PtxBuildTest {

  @TempDir Path temp;

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String ptx(String file) throws IOException {
    try (InputStream in = PtxBuildTest.class.getResourceAsStream(CudaDevice.PTX_FOLDER + file)) {
      assertThat(in).as(file + " is packaged").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void theKernelsTheJavaSideResolvesAreInThePtx() throws IOException {
    assumeTrue(onPath("nvcc"), "nvcc is not on the PATH, so the build made no PTX");
    List<String> generic = new ArrayList<>(List.of(GrpoKernels.WEIGHTS, GrpoKernels.REDUCE, GrpoKernels.ADVANTAGES));
    List<String> cluster = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      generic.add(GrpoKernels.rowsKernel(precision));
      generic.add(GrpoKernels.fillKernel(precision));
      cluster.add(GrpoKernels.clusterKernel(precision));
    }
    String genericPtx = ptx(CudaDevice.GENERIC_PTX);
    String clusterPtx = ptx(CudaDevice.CLUSTER_PTX);
    for (String kernel : generic) {
      assertThat(genericPtx).contains(".entry " + kernel + "(");
    }
    for (String kernel : cluster) {
      assertThat(clusterPtx).contains(".entry " + kernel + "(");
    }
    // the cluster shape is compiled in, so a plain cuLaunchKernel launches clusters of CLUSTER blocks
    assertThat(clusterPtx).contains(".reqnctapercluster " + GrpoKernels.CLUSTER + ", 1, 1");
  }

  @Test
  void ptxasAssemblesBothModulesForHopper() throws IOException, InterruptedException {
    assumeTrue(onPath("ptxas") && onPath("nvcc"), "the CUDA toolkit is not on the PATH");
    for (String file : List.of(CudaDevice.GENERIC_PTX, CudaDevice.CLUSTER_PTX)) {
      Path source = Files.writeString(temp.resolve(file), ptx(file));
      Process process = new ProcessBuilder("ptxas", "-arch=sm_90", source.toString(), "-o", temp.resolve(file + ".cubin").toString())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(output).isZero();
      assertThat(temp.resolve(file + ".cubin")).isNotEmptyFile();
    }
  }

  @Test
  void clusterSegmentsCoverTheRowAlignedToEightElements() {
    for (int vocab : new int[] {2, 7, 1000, 32001, 151936, 262147}) {
      int segment = GrpoKernels.segmentLength(vocab);
      assertThat(segment % 8).isZero();
      assertThat((long) segment * GrpoKernels.CLUSTER).isGreaterThanOrEqualTo(vocab);
      assertThat((long) (segment - 8) * GrpoKernels.CLUSTER).isLessThan(vocab);
    }
  }
}
