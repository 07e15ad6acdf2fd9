#!/usr/bin/env bash
# Starts (start), restarts (restart, or restart-plain: asadmin alone) or stops (stop) the throwaway Payara
# domain the integration tests run in.
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
  # The settings that differ from production come from pom.xml (it.* properties), which gives the same
  # values to the tests; run by hand, the script needs them set.
  local setting
  for setting in JOINTCHAT_CHAT_RATE_MESSAGES JOINTCHAT_CHAT_RATE_WINDOW JOINTCHAT_LOGIN_LOCKOUT_WINDOW JOINTCHAT_WS_PING_INTERVAL \
                 JOINTCHAT_WS_IDLE_TIMEOUT JOINTCHAT_CHAT_WRITER_QUEUE JOINTCHAT_FILES_QUOTA; do
    [ -n "${!setting:-}" ] || die "$setting is not set (the test domain's settings come from pom.xml; run it through Maven)."
    export "${setting?}"
  done
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
    store_settings "$ADMIN_PORT"   # so that a plain `asadmin start-domain` (DomainRestartIT) keeps them
    say "Test domain up: http://127.0.0.1:$HTTP_PORT/ (admin $ADMIN_PORT)"
    ;;
  restart)
    # The load tool's reconnect scenario restarts the server under its clients (data kept).
    stop_domain "$DOMAIN"
    test_environment keep
    start_domain "$DOMAIN" || exit 1
    say "Test domain restarted."
    ;;
  restart-plain)
    # As an operator, a supervisor or a reboot would: asadmin alone, with none of JointChat's environment.
    # The domain must bring its own settings (store_settings at start).
    stop_domain "$DOMAIN"
    env -i PATH="$PATH" HOME="$HOME" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
      bash "$(payara_home)/bin/asadmin" start-domain "$DOMAIN" >/dev/null || exit 1
    say "Test domain restarted with asadmin alone."
    ;;
  stop)
    stop_domain "$DOMAIN"
    say "Test domain stopped."
    ;;
  *)
    echo "usage: scripts/test-server.sh start|restart|restart-plain|stop" >&2; exit 2 ;;
esac
