#!/usr/bin/env bash
# Packs attnsim into one self-contained archive for an x86-64 Linux machine that has an OpenCL driver but
# no Java (a GPU node): a jlink'd Java 17 runtime, the CLI's jars, the kernel tests with the JUnit console
# launcher, and this machine's OpenCL ICD loader and clinfo for machines that lack them.
#
#   tools/portable-bundle.sh            -> target/portable/attnsim-portable.tar.xz
#   there: tar xJf attnsim-portable.tar.xz -C /tmp && /tmp/attnsim-portable/attnsim devices
#          /tmp/attnsim-portable/kernel-tests        (the kernel tests, on the machine's first OpenCL device)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/portable"
stage="$out/attnsim-portable"
junit_console=org.junit.platform:junit-platform-console-standalone:1.11.4

cd "$root"
mvn -B -q install -DskipTests
mvn -B -q test-compile -pl kernels
mvn -B -q dependency:get -Dartifact="$junit_console"
mvn -B -q -pl kernels dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out.kernels-cp"

rm -rf "$stage" && mkdir -p "$stage/lib" "$stage/test" "$stage/opencl"
jlink --add-modules java.base,java.desktop,java.logging,java.xml,java.management,java.naming,java.sql,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --output "$stage/jre"

cp reports/target/attnsim-reports-*.jar "$stage/lib/"
for jar in reports/target/lib/*.jar; do
  case "$(basename "$jar")" in
    # Only the x86-64 Linux library of Aparapi's natives (the jar holds every platform's: 19 MB).
    aparapi-jni-*) (tmp=$(mktemp -d) && cd "$tmp" && unzip -q "$root/$jar" -x 'osx/*' 'win*/*' \
        'linux/libaparapi_aarch64.so' 'linux/libaparapi_armhf.so' 'linux/libaparapi_x86.so' \
        && zip -q -r "$stage/lib/$(basename "$jar")" . && rm -rf "$tmp") ;;
    *) cp "$jar" "$stage/lib/" ;;
  esac
done

cp -r kernels/target/test-classes "$stage/test/classes"
# The tests that read a bundled scenario open ../scenarios, as from a module of the repository: the launcher runs
# them from test/, beside this copy.
cp -r scenarios "$stage/scenarios"
cp "$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.11.4/junit-platform-console-standalone-1.11.4.jar" "$stage/test/"
tr ':' '\n' <"$out.kernels-cp" | grep '/net/jqwik/' | xargs -I{} cp {} "$stage/test/"

cp -L /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 "$stage/opencl/"
cp "$(command -v clinfo)" "$stage/opencl/"
# The charts' font and what the runtime's font rasteriser links to, for machines without them.
mkdir -p "$stage/fonts" "$stage/native"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf "$stage/fonts/"
ldd "$stage/jre/lib/libfontmanager.so" | awk '/=> \// {print $3}' \
  | grep -v -e '/libc\.so' -e '/libm\.so' -e '/libstdc++' -e '/libgcc_s' -e '/libz\.so' -e 'libjava\|libjvm\|libawt' \
  | xargs -I{} cp -L {} "$stage/native/"
# Fontconfig (the JDK's font manager opens it; without it or any configuration it stops with "Fontconfig
# head is null", as on the H100 machine in session 17) and its XML parser.
cp -L /usr/lib/x86_64-linux-gnu/libfontconfig.so.1 /usr/lib/x86_64-linux-gnu/libexpat.so.1 "$stage/native/"

cat >"$stage/env.sh" <<'EOF'
# Sourced by the launchers: this machine's OpenCL loader if it has one, else the bundled one.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL.so.1 '; then
  export LD_LIBRARY_PATH="$here/opencl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
if ! ldconfig -p 2>/dev/null | grep -q 'libfreetype.so.6 ' || ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz.so.0 ' \
    || ! ldconfig -p 2>/dev/null | grep -q 'libfontconfig.so.1 '; then
  export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$here/native"
fi
# A fontconfig configuration of the bundle's own fonts, whatever the machine has in /etc/fonts.
if [ ! -s "$here/fonts/fonts.conf" ]; then
  printf '<?xml version="1.0"?>\n<fontconfig><dir>%s/fonts</dir><cachedir>%s/fonts/cache</cachedir></fontconfig>\n' \
    "$here" "$here" >"$here/fonts/fonts.conf"
fi
export FONTCONFIG_FILE="$here/fonts/fonts.conf"
command -v clinfo >/dev/null 2>&1 || export PATH="$PATH:$here/opencl"
export POCL_EXTRA_BUILD_FLAGS="${POCL_EXTRA_BUILD_FLAGS--cl-fast-relaxed-math}"
EOF
cat >"$stage/attnsim" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec "$here/jre/bin/java" -Djava.awt.headless=true -Dcom.aparapi.enableProfiling=true \
  -Dattnsim.fonts="$here/fonts" \
  -Xss4m -cp "$here/lib/*" org.attnsim.reports.cli.Main "$@"
EOF
cat >"$stage/kernel-tests" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$here/test"
exec "$here/jre/bin/java" -Dcom.aparapi.enableProfiling=true -Xss4m \
  -jar "$here"/test/junit-platform-console-standalone-*.jar execute \
  --class-path "$here/test/classes:$(ls "$here"/test/jqwik-*.jar "$here"/lib/*.jar | tr '\n' ':')" \
  --select-package org.attnsim.kernels --details=tree --disable-banner --disable-ansi-colors "$@"
EOF
chmod +x "$stage/attnsim" "$stage/kernel-tests"
tar -C "$out" -cJf "$out/attnsim-portable.tar.xz" attnsim-portable
rm -rf "$stage" "$out.kernels-cp"
ls -la "$out/attnsim-portable.tar.xz"
