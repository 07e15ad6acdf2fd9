# Ports and HTTP: whether something listens, and waiting until a URL answers.
# Sourced by scripts/common.sh, not run.

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Waits until an HTTP URL answers (any status).
wait_http() {
  local url=$1 tries=${2:-120}
  for _ in $(seq 1 "$tries"); do
    curl -s -o /dev/null --max-time 5 "$url" && return 0
    sleep 1
  done
  return 1
}

# Waits until an HTTP URL answers 200 (the application is deployed and ready).
wait_ok() {
  local url=$1 tries=${2:-120}
  for _ in $(seq 1 "$tries"); do
    [ "$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$url")" = 200 ] && return 0
    sleep 1
  done
  return 1
}
