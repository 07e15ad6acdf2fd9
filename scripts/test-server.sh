#!/usr/bin/env bash
# Starts (start), restarts (restart) or stops (stop) the throwaway Payara domain the integration tests run in.
# Called by Maven around the integration-test phase; its own ports (IT_PORTBASE) and its own
# database (jointchat_test, recreated each run) keep it apart from a dev instance.
set -euo pipefail
. "$(dirname "$0")/common.sh"

DOMAIN=jointchat-test
PORTBASE=${IT_PORTBASE:-18000}
ADMIN_PORT=$(( PORTBASE + 48 ))
HTTP_PORT=$(( PORTBASE + 80 ))

# The test domain's settings; $1: "fresh" recreates the test database (start), "keep" keeps it (restart).
test_environment() {
  if [ -n "${JOINTCHAT_TEST_DB_URL:-}" ]; then
    export JOINTCHAT_DB_URL=$JOINTCHAT_TEST_DB_URL
    export JOINTCHAT_DB_USER=${JOINTCHAT_TEST_DB_USER:-${JOINTCHAT_DB_USER:-}}
    export JOINTCHAT_DB_PASSWORD=${JOINTCHAT_TEST_DB_PASSWORD:-${JOINTCHAT_DB_PASSWORD:-}}
  else
    provision_database jointchat_test "$1"
  fi
  # Short lockout window so the test can watch it expire; everything else as in production.
  export JOINTCHAT_LOGIN_LOCKOUT_WINDOW=${JOINTCHAT_LOGIN_LOCKOUT_WINDOW:-PT4S}
  # Room for the 1,000-message concurrency test (100 per user); the rate-limit test sends 130.
  export JOINTCHAT_CHAT_RATE_MESSAGES=${JOINTCHAT_CHAT_RATE_MESSAGES:-120}
  export JOINTCHAT_ALLOWED_ORIGINS="http://localhost:$HTTP_PORT,http://127.0.0.1:$HTTP_PORT"
}

case "${1:-}" in
  start)
    ensure_chromium
    # A domain left behind by an interrupted run is stopped first.
    stop_domain "$DOMAIN"
    test_environment fresh
    if domain_exists "$DOMAIN" && [ "$(cat "$(payara_home)/glassfish/domains/$DOMAIN/jointchat-portbase" 2>/dev/null)" != "$PORTBASE" ]; then
      asadmin delete-domain "$DOMAIN" >/dev/null
    fi
    domain_exists "$DOMAIN" || create_domain "$DOMAIN" "$PORTBASE"
    start_domain "$DOMAIN" || { stop_domain "$DOMAIN"; exit 1; }
    say "Test domain up: http://127.0.0.1:$HTTP_PORT/ (admin $ADMIN_PORT)"
    ;;
  restart)
    # The load tool's reconnect scenario restarts the server under its clients (data kept).
    stop_domain "$DOMAIN"
    test_environment keep
    start_domain "$DOMAIN" || exit 1
    say "Test domain restarted."
    ;;
  stop)
    stop_domain "$DOMAIN"
    say "Test domain stopped."
    ;;
  *)
    echo "usage: scripts/test-server.sh start|restart|stop" >&2; exit 2 ;;
esac
