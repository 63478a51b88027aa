#!/usr/bin/env bash
# The whole test suite: formatting, vet, staticcheck, a cgo-free build and
# every test. CI runs exactly this (.ci/run). It installs nothing the Go
# toolchain cannot fetch from the module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

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
