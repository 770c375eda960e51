#!/bin/sh
# On a GPU machine, from the repository root with .gpu/ built by scripts/gpu-bundle.sh: the CUDA
# tests (JUnit, against the CPU objective and the fixtures), check-grpo with the CUDA backend
# forced, and the kernel benchmark against PyTorch. Logs go to $OUT when set.
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$root/.gpu/out}"
mkdir -p "$out"
cd "$root/.gpu" && tar -xzf jre.tar.gz && cd "$root/atlas-cuda"
java="$root/.gpu/jre/bin/java --add-modules jdk.incubator.vector"
cp="$root/.gpu/lib/*"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | tee "$out/gpu.txt"
echo "== CUDA tests"
$java -jar "$root"/.gpu/lib/junit-platform-console-standalone-*.jar execute --class-path "$root/.gpu/test-classes:$(ls "$root"/.gpu/lib/*.jar | tr '\n' ':')" \
  --select-package ai.atlas.cuda --details=tree --disable-banner --disable-ansi-colors > "$out/tests.txt" 2>&1
tests=$?
tail -25 "$out/tests.txt"
echo "== check-grpo --backend cuda"
$java -cp "$cp" ai.atlas.tools.GrpoCommand check-grpo --backend cuda ../atlas-model/src/test/resources/grpo 2>&1 | tee "$out/check-grpo.txt"
echo "== bench-grpo"
$java -cp "$cp" ai.atlas.tools.GrpoCommand bench-grpo "$@" 2>&1 | tee "$out/bench-grpo.txt"
exit $tests
