#!/usr/bin/env bash
# Places an order and reads it back, in a loop, as the demo user; prints a line a second with
# what succeeded and what failed. Stop it with Ctrl-C.
#   BASE_URL (default http://localhost:8080), ORDERS_USER (demo), ORDERS_PASSWORD (demo-password)
set -euo pipefail
base=${BASE_URL:-http://localhost:8080}
user=${ORDERS_USER:-demo}
password=${ORDERS_PASSWORD:-demo-password}

login() {
  curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$password\"}" "$base/login" \
    | sed -E 's/.*"session":"([^"]+)".*/\1/'
}

session=$(login)
placed=0 fetched=0 failed=0 last=$SECONDS
while true; do
  reply=$(curl -sS -w '\n%{http_code}' -b "session=$session" -H 'Content-Type: application/json' \
    -d '{"item":"tea","quantity":1}' "$base/orders" || true)
  code=${reply##*$'\n'}
  if [[ $code == 201 ]]; then
    placed=$((placed + 1))
    id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"${reply%$'\n'*}")
    if [[ $(curl -sS -o /dev/null -w '%{http_code}' -b "session=$session" "$base/orders/$id" || true) == 200 ]]; then
      fetched=$((fetched + 1))
    else
      failed=$((failed + 1))
    fi
  else
    failed=$((failed + 1))
    [[ $code == 401 ]] && session=$(login)
  fi
  if ((SECONDS != last)); then
    last=$SECONDS
    echo "$(date +%T) placed=$placed fetched=$fetched failed=$failed"
  fi
done
