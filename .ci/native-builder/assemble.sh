#!/usr/bin/env bash
# Assembles the CI native-image builder (README.md next to this file) and prints its home on the last line of stdout:
# a copy of the Temurin 25 JDK (hard links where the file system allows) plus
#   lib/svm/builder/*.jar          the GraalVM 25.0.2 builder jars from Maven Central (pom.xml lists them)
#   lib/svm/builder/lib/libreporterchelper.so, lib/svm/clibraries/include/*.h   (see README.md)
#   lib/svm/builder/java.args, module.args      the builder JVM's flags and module path
#   bin/native-image               the launcher Quarkus calls (quarkus.native.graalvm-home=<home>)
# Cached: rebuilt only when this directory's files or the JDK change.
#   NATIVE_BUILDER_JDK    a JDK 25 with JVMCI (default: /usr/lib/jvm/temurin-25*)
#   NATIVE_BUILDER_CACHE  where homes are kept (default: ~/.m2/native-builder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

jdk=${NATIVE_BUILDER_JDK:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}
if [ -z "$jdk" ] || ! "$jdk/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -version >/dev/null 2>&1; then
    echo "assemble.sh: no JDK 25 with JVMCI found (set NATIVE_BUILDER_JDK)" >&2
    exit 1
fi
for tool in gcc; do
    command -v "$tool" >/dev/null || { echo "assemble.sh: $tool is needed (the builder compiles C queries)" >&2; exit 1; }
done
jdk_version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk '$1 == "java.runtime.version" {print $3}')
key=$(cat "$here"/pom.xml "$here"/*.java "$here"/*.c "$here"/assemble.sh | sha256sum | cut -c1-12)
home=${NATIVE_BUILDER_CACHE:-$HOME/.m2/native-builder}/graalvm-25.0.2-jdk-$jdk_version-$key
if [ -f "$home/.complete" ]; then
    echo "$home"
    exit 0
fi

echo "assembling the native-image builder in $home" >&2
tmp="$home.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$(dirname "$home")"
cp -al "$jdk" "$tmp" 2>/dev/null || { rm -rf "$tmp"; cp -a "$jdk" "$tmp"; }
builder="$tmp/lib/svm/builder"
mkdir -p "$builder/lib" "$tmp/lib/svm/clibraries/include" "$tmp/lib/svm/launcher"

"$root/mvnw" -B -q -f "$here/pom.xml" dependency:copy-dependencies -DexcludeTransitive=true -DoutputDirectory="$builder" >&2
jars=$(ls "$builder"/*.jar | grep -v '/compiler-[0-9]')
compiler=$(ls "$builder"/compiler-*.jar)
[ "$(ls "$builder"/*.jar | wc -l)" -eq 13 ] || { echo "assemble.sh: expected the 13 jars of pom.xml in $builder" >&2; exit 1; }

gcc -shared -fPIC -O2 -I"$jdk/include" -I"$jdk/include/linux" -o "$builder/lib/libreporterchelper.so" "$here/reporterchelper.c"
"$jdk/bin/java" -cp "$(echo $jars $compiler | tr ' ' ':')" "$here/CHeaders.java" "$tmp/lib/svm/clibraries/include" \
    amd64cpufeatures.h com.oracle.svm.core.amd64.AMD64LibCHelper \
    aarch64cpufeatures.h com.oracle.svm.core.aarch64.AArch64LibCHelper \
    riscv64cpufeatures.h com.oracle.svm.core.riscv64.RISCV64LibCHelper \
    svm_locale.h com.oracle.svm.core.c.locale.LocaleCHelper
"$jdk/bin/javac" -d "$tmp/lib/svm/launcher" "$here/NativeImage.java"

# the builder JVM: JVMCI on (the Graal compiler is the builder's own compiler, not the JIT), the JDK's internals
# exported to the builder's modules, and the system properties GraalVM's driver sets
{
    cat <<'EOF'
-XX:+UnlockExperimentalVMOptions
-XX:+EnableJVMCI
-XX:-UseJVMCICompiler
-XX:+UseParallelGC
-XX:MaxRAMPercentage=60
-Xss10m
-Xshare:off
-Djava.awt.headless=true
-Dcom.oracle.graalvm.isaot=true
-Dorg.graalvm.version=25.0.2
"-Dorg.graalvm.vendor=GraalVM Community"
"-Dorg.graalvm.vendorversion=GraalVM CE 25.0.2"
-Dorg.graalvm.nativeimage.imagecode=buildtime
-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader
-Djdk.internal.lambda.disableEagerInitialization=true
-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1
-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false
EOF
    "$jdk/bin/java" "$here/BuilderModules.java" "$compiler" $jars
} > "$builder/java.args"
{
    echo "--upgrade-module-path"
    echo "$home/lib/svm/builder/$(basename "$compiler")"
    echo "--module-path"
    echo "$jars" | sed "s|^$builder|$home/lib/svm/builder|" | paste -sd:
    echo "--module"
    echo "org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner"
} > "$builder/module.args"

rm -f "$tmp/bin/native-image"
cat > "$tmp/bin/native-image" <<'EOF'
#!/bin/sh
# the CI native-image builder's launcher (.ci/native-builder/NativeImage.java)
home=$(cd "$(dirname "$0")/.." && pwd)
exec "$home/bin/java" -Dnative-builder.home="$home" -cp "$home/lib/svm/launcher" NativeImage "$@"
EOF
chmod +x "$tmp/bin/native-image"
touch "$tmp/.complete"
rm -rf "$home"
mv "$tmp" "$home"
trap - EXIT
echo "$home"
