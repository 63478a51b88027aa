#!/usr/bin/env bash
# The whole test suite: formatting, vet, staticcheck, a cgo-free build and
# every test. CI runs exactly this (.ci/run). Besides what the Go toolchain
# fetches, it installs (when missing, best effort) Debian's chromium and
# postgresql, and starts PostgreSQL with a test role.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo

# The HTML brief and the web pages are checked in a real browser: Debian's
# Chromium.
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (Debian package)"
  { $SUDO apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; } ||
    echo "warning: could not install chromium: the browser tests will be skipped (and fail in CI)"
fi

# The accessibility check of the web pages runs axe-core (the npm package)
# in the browser: installed once into a cache folder outside the repository,
# found by the tests through $PARALLAX_AXE.
AXE_VERSION=4.14.1
AXE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/parallax/npm"
export PARALLAX_AXE="$AXE_DIR/node_modules/axe-core/axe.min.js"
if [ ! -f "$PARALLAX_AXE" ] || ! grep -q "axe v$AXE_VERSION" "$PARALLAX_AXE" 2>/dev/null; then
  echo "== installing axe-core $AXE_VERSION (npm package) into $AXE_DIR"
  if ! command -v npm >/dev/null 2>&1; then
    { $SUDO apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null; } ||
      echo "warning: could not install npm"
  fi
  mkdir -p "$AXE_DIR"
  npm install --prefix "$AXE_DIR" --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >/dev/null ||
    echo "warning: could not install axe-core: the accessibility check will be skipped (and fail in CI)"
fi

# The article store's conformance suite runs against a real PostgreSQL:
# Debian's package, installed, started and given a test role when missing.
if [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "== installing postgresql (Debian package)"
  { $SUDO apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null; } ||
    echo "warning: could not install postgresql: its tests will be skipped"
fi
if [ -n "$(ls /usr/lib/postgresql 2>/dev/null)" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters --no-header 2>/dev/null | awk -v v="$ver" '$1==v && $2=="main"' | grep -q . ||
    $SUDO pg_createcluster "$ver" main >/dev/null
  $SUDO pg_ctlcluster "$ver" main start 2>/dev/null || true
  port=$(pg_lsclusters --no-header | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
  psql_admin() { $SUDO su postgres -c "psql -p $port -tAc \"$1\""; }
  if psql_admin "SELECT 1" >/dev/null 2>&1; then
    psql_admin "SELECT 1 FROM pg_roles WHERE rolname='parallax'" | grep -q 1 ||
      psql_admin "CREATE ROLE parallax LOGIN PASSWORD 'parallax'" >/dev/null
    psql_admin "SELECT 1 FROM pg_database WHERE datname='parallax_test'" | grep -q 1 ||
      psql_admin "CREATE DATABASE parallax_test OWNER parallax" >/dev/null
    export PARALLAX_POSTGRES_URL="postgres://parallax:parallax@127.0.0.1:$port/parallax_test?sslmode=disable"
    echo "== postgresql $ver on port $port"
  else
    echo "warning: postgresql did not start: its tests will be skipped"
  fi
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck"
# The default checks, and doc comments on packages and exported names that
# start with the name.
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -checks "inherit,ST1000,ST1020,ST1021,ST1022" ./...

echo "== CGO_ENABLED=0 go build"
CGO_ENABLED=0 go build ./...

echo "== go test"
go test -count=1 ./...

# The brief's stages and the clusterer's feature workers run concurrently:
# check them under the race detector (it needs cgo, which the Go kind has).
echo "== go test -race (concurrent packages)"
CGO_ENABLED=1 go test -race -count=1 ./internal/brief ./internal/cluster ./internal/desk ./internal/poll ./internal/library ./internal/store/sqlite ./internal/parallel
