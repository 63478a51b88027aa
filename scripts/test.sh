#!/usr/bin/env bash
# The whole test suite: formatting, vet, staticcheck, a cgo-free build and
# every test. CI runs exactly this (.ci/run). It installs nothing the Go
# toolchain cannot fetch from the module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

# The HTML brief is checked in a real browser: Debian's Chromium.
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (Debian package)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  { $SUDO apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; } ||
    echo "warning: could not install chromium: the browser test will be skipped"
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== CGO_ENABLED=0 go build"
CGO_ENABLED=0 go build ./...

echo "== go test"
go test -count=1 ./...

# The brief's stages and the clusterer's feature workers run concurrently:
# check them under the race detector (it needs cgo, which the Go kind has).
echo "== go test -race (concurrent packages)"
CGO_ENABLED=1 go test -race -count=1 ./brief ./cluster
