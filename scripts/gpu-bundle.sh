#!/bin/sh
# Packs what a GPU machine without Java needs to run the CUDA tests, check-grpo and bench-grpo
# into .gpu/ (git-ignored; carried by the device tool): a trimmed Java runtime as a tarball, the
# atlas-tools jars (the CUDA backend, the engine) with their runtime and test dependencies, the CUDA
# module's compiled tests, and JUnit's
# console launcher. Run from the repository root after `./mvnw install -DskipTests`; then, on the
# GPU machine, `sh scripts/gpu-run.sh` (see docs/benchmarks.md).
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rm -rf .gpu
mkdir -p .gpu/lib
./mvnw -q -pl atlas-cuda,atlas-tools -DskipTests package dependency:copy-dependencies -DincludeScope=test -DexcludeTypes=pom \
  -DoutputDirectory="$root/.gpu/lib"
./mvnw -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 -DoutputDirectory="$root/.gpu/lib"
cp atlas-tools/target/atlas-tools-*.jar .gpu/lib/
cp -r atlas-cuda/target/test-classes .gpu/test-classes
# only what the CUDA tests, check-grpo and bench-grpo load (the carry limit is 64 MiB); the
# console launcher holds JUnit itself
cd .gpu/lib
for jar in *.jar; do
  case "$jar" in
    atlas-*|jcuda-*|parsson-*|jakarta.json-api-*|jakarta.json.bind-api-*|jakarta.batch-api-*|jakarta.inject-api-*|\
    jakarta.annotation-api-*|jakarta.enterprise.cdi-api-*|assertj-core-*|byte-buddy-*|junit-platform-console-standalone-*) ;;
    *) rm "$jar" ;;
  esac
done
cd "$root"
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,java.naming,java.sql,java.xml,jdk.crypto.ec,java.net.http,jdk.incubator.vector \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output .gpu/jre
tar -C .gpu -czf .gpu/jre.tar.gz jre
rm -rf .gpu/jre
du -sh .gpu
