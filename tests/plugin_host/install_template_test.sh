#!/usr/bin/env bash
# Installs the SDK component of a build to a prefix, builds tools/plugin-template against it
# as an out-of-tree project, and loads the result with the plugin host.
# Usage: install_template_test.sh BUILD_DIR SOURCE_DIR WORK_DIR LOAD_CHECK SDK_ABI_TEST
# WORK_DIR is reused between runs (install and ninja only redo what changed; ccache caches).
set -euo pipefail
build=$1 src=$2 work=$3 load_check=$4 abi_test=$5
prefix=$work/prefix
mkdir -p "$work"

cmake --install "$build" --component sdk --prefix "$prefix" >"$work/install.log"

# The installed headers are exactly the set the build's SDK hash was computed over.
ACCORD_SDK_HASH_DIR=$prefix/include "$abi_test" \
  --gtest_filter=SdkHash.MatchesTheHeadersItWasComputedFrom >"$work/hash.log" ||
  { cat "$work/hash.log"; exit 1; }

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$src/tools/plugin-template" -B "$work/template-build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_PREFIX_PATH="$prefix" "${launcher[@]}" \
  >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/template-build" >"$work/build.log" || { cat "$work/build.log"; exit 1; }

actual=$("$load_check" "$work/template-build/accord_hello.so")
expected=$'loaded hello 0.1.0\nread 2 organizations: Acme Ltd, Globex Corporation'
if [[ "$actual" != "$expected" ]]; then
  printf 'expected:\n%s\nfound:\n%s\n' "$expected" "$actual"
  exit 1
fi
echo "template plugin built against the installed SDK and loaded"
