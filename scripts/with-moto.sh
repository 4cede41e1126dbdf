#!/usr/bin/env bash
# with-moto.sh CMD...: start a private moto_server on a free loopback port,
# run CMD with EMBEDARCHIVE_TEST_AWS_ENDPOINT pointing at it, stop moto after.
# Tests that speak to AWS read that variable; without it they skip (or fail
# when CI=true).
set -euo pipefail

if ! command -v moto_server >/dev/null 2>&1; then
  echo "with-moto: moto_server missing; installing moto[server] with pip" >&2
  pip install --quiet 'moto[server]' >&2
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp -t moto.XXXXXX.log)
moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!
cleanup() { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$moto_pid" 2>/dev/null; then echo "with-moto: moto_server exited:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.1
done
echo "with-moto: moto_server on 127.0.0.1:$port" >&2

export EMBEDARCHIVE_TEST_AWS_ENDPOINT="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
"$@"
