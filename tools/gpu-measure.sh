#!/usr/bin/env bash
# On a GPU machine without Java, in a copy of this repository that holds target/portable/attnsim-portable.tar.xz
# (tools/portable-bundle.sh, built elsewhere): unpack it, register NVIDIA's OpenCL library if no ICD file
# names it (as root), then run the kernel tests, calibrate, kernel-bench and validate on the first OpenCL
# device (the GPU), each one's output under OUT_DIR. The steps quick, local, groups, heads128, kv-int8 and kv-fp8
# validate the bundled scenarios of those names on the calibrated profile; groups (MQA's 8 query heads a group, xSMQA's
# 2, sSQA's 1) and heads128 time SparQ's stages at the group sizes and the head size validate-local leaves out, kv-int8
# and kv-fp8 decoding from an int8 or fp8 KV cache against fp32 (the GPU's tiled kernels over one-byte elements, not
# yet timed on a GPU). The step
# "repeat" runs validate-local REPEAT times (3 unless set), each run calibrating afresh, and keeps the runs side by side
# (repeats.md, .csv, .json and .pdf).
#   tools/gpu-measure.sh OUT_DIR ["tests calibrate bench quick local groups heads128 kv-int8 kv-fp8 repeat"]
#   (BENCH_ARGS: kernel-bench options)
set -uo pipefail
out=${1:?usage: gpu-measure.sh OUT_DIR [STEPS]}
steps=${2:-"tests calibrate bench quick"}
mkdir -p "$out"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem,temperature.gpu,power.draw --format=csv
ls /etc/OpenCL/vendors 2>&1 && cat /etc/OpenCL/vendors/*.icd 2>&1
lib=$( (ldconfig -p | awk '/libnvidia-opencl\.so\.1 /{print $NF}'; find /usr/local/nvidia /usr/lib /usr/lib64 -name 'libnvidia-opencl.so.1' 2>/dev/null) | head -n 1)
echo "NVIDIA OpenCL library: ${lib:-none}"
if [ -n "$lib" ] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  mkdir -p /etc/OpenCL/vendors && echo "$lib" >/etc/OpenCL/vendors/nvidia.icd && echo "registered $lib"
fi
b=/tmp/bundle && mkdir -p $b
tar xJf target/portable/attnsim-portable.tar.xz -C $b 2>/dev/null \
  || python3 -c "import tarfile; tarfile.open('target/portable/attnsim-portable.tar.xz').extractall('$b')"
A=$b/attnsim-portable
(source $A/env.sh; clinfo) >"$out/clinfo.txt" 2>&1
grep -E "Platform Name|Device Name|Max compute|Max clock|Global memory size|Global Memory cache size|Local memory size|Max work group size" "$out/clinfo.txt" | head -20
$A/attnsim devices 2>&1 | grep -a -v WARNING
profile="$out/gpu-calibrated.yaml"
for step in $steps; do
  echo "===== $step"
  case $step in
    tests) timeout 120 $A/kernel-tests >"$out/kernel-tests.txt" 2>&1; echo "kernel tests rc=$?"
           grep -a -E "✘|tests (successful|failed|found)" "$out/kernel-tests.txt" | head -40 ;;
    calibrate) timeout 150 $A/attnsim calibrate -o "$profile" 2>&1 | grep -a -v WARNING | tee "$out/calibrate.txt" | tail -40 ;;
    bench) timeout 150 $A/attnsim kernel-bench --profile "$profile" ${BENCH_ARGS:-} 2>&1 | grep -a -v WARNING | tee "$out/kernel-bench.txt" ;;
    quick|local|groups|heads128|kv-int8|kv-fp8) timeout 200 $A/attnsim validate scenarios/validate-$step.yaml --profile "$profile" -o /tmp/v-$step 2>&1 \
           | grep -a -v WARNING | tee "$out/validate-$step.txt"; tar -C /tmp -czf "$out/validate-$step.tgz" v-$step ;;
    repeat) timeout 540 $A/attnsim validate scenarios/validate-local.yaml --repeat "${REPEAT:-3}" -o /tmp/v-repeat 2>&1 \
           | grep -a -v WARNING | tee "$out/validate-repeat.txt" | tail -30; tar -C /tmp -czf "$out/validate-repeat.tgz" v-repeat ;;
  esac
done
