#!/usr/bin/env bash
# Starts (start), restarts (restart, or restart-plain: asadmin alone) or stops (stop) the throwaway Payara
# domain the integration tests run in.
# Called by Maven around the integration-test phase; its own ports (IT_PORTBASE) and its own
# database (jointchat_test, recreated each run) keep it apart from a dev instance.
# The cluster tests' own cluster, as JOINTCHAT_INSTANCES=2 ./jointchat run makes one (docs/deployment.md):
# start-cluster | stop-cluster | kill-instance I (kill -9) | start-instance I (asadmin start-instance). Domain
# jointchat-test-cluster, balancer on IT_CLUSTER_PORT (19080), instances on 19180 and 19280, DAS admin 20048,
# on the same test database, which start-cluster keeps (the single test domain made it fresh and may still run).
# store-settings / settings: as ./jointchat run applies the environment's settings to a running domain / as
# ./jointchat settings prints them (SettingsIT).
# start-wildfly / stop-wildfly (issue 25): the same WAR on WildFly, for WildFlySmokeIT.
# Single sign-on (issue 23, item 2): start also starts Keycloak in the background when IT_KEYCLOAK_PORT is set (it
# boots while Payara does; the SSO test waits for it), stop and stop-keycloak stop it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

DOMAIN=jointchat-test
PORTBASE=${IT_PORTBASE:-18000}
ADMIN_PORT=$(( PORTBASE + 48 ))
HTTP_PORT=$(( PORTBASE + 80 ))
CLUSTER=jointchat-test-cluster
CLUSTER_PORT=${IT_CLUSTER_PORT:-19080}
CLUSTER_INSTANCES=2
# Two instances booting at once on CI's two cores spend most of their start compiling: C1 alone starts them
# in about half the time (58 s -> 32 s here). Their code runs slower, which the cluster's functional tests
# do not mind; the single test domain, which the benchmark smoke test uses, keeps the full JIT.
export JC_INSTANCE_JVM_OPTIONS="-XX:TieredStopAtLevel=1"

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
                 JOINTCHAT_WS_IDLE_TIMEOUT JOINTCHAT_CHAT_WRITER_QUEUE JOINTCHAT_FILES_QUOTA \
                 JOINTCHAT_ABUSE_EXEMPT_ADDRESSES JOINTCHAT_TRUSTED_PROXIES \
                 JOINTCHAT_SMTP_HOST JOINTCHAT_SMTP_PORT JOINTCHAT_SMTP_SECURITY JOINTCHAT_SMTP_FROM \
                 JOINTCHAT_MISSED_MAIL_DELAY JOINTCHAT_MISSED_MAIL_POLL JOINTCHAT_PUBLIC_URL; do  # SMTP: issue 23, mail; missed-message e-mail: digest
    [ -n "${!setting:-}" ] || die "$setting is not set (the test domain's settings come from pom.xml; run it through Maven)."
    export "${setting?}"
  done
  export JOINTCHAT_ALLOWED_ORIGINS="http://localhost:$HTTP_PORT,http://127.0.0.1:$HTTP_PORT"
  # Back warm (issue 24, item 3): the suite's first deployment comes within the server's first minutes, and a
  # warm-up would hold its sockets back; off unless the caller asks (BenchSmokeIT's restart does).
  export JOINTCHAT_WARMUP_HANDSHAKES=${JOINTCHAT_WARMUP_HANDSHAKES:-0}
  # The test domain restarts in about 8 s: its restart hint (BenchSmokeIT's reconnect waits that long, not 20 s).
  export JOINTCHAT_WS_RESTART_SECONDS=${JOINTCHAT_WS_RESTART_SECONDS:-8}
}

case "${1:-}" in
  start)
    ensure_chromium
    ensure_nodejs
    # Single sign-on (issue 23, item 2): the identity provider boots in the background meanwhile.
    if [ -n "${IT_KEYCLOAK_PORT:-}" ]; then
      keycloak_start "$IT_KEYCLOAK_PORT" "$JC_ROOT/src/test/resources/keycloak/jointchat-realm.json" "$JC_ROOT/target/keycloak.log"
    fi
    # A domain left behind by an interrupted run is stopped first.
    stop_domain "$DOMAIN"
    test_environment fresh
    if domain_exists "$DOMAIN" && [ "$(cat "$(payara_home)/glassfish/domains/$DOMAIN/jointchat-portbase" 2>/dev/null)" != "$PORTBASE" ]; then
      asadmin delete-domain "$DOMAIN" >/dev/null
    fi
    domain_exists "$DOMAIN" || create_domain "$DOMAIN" "$PORTBASE"
    start_domain "$DOMAIN" || { stop_domain "$DOMAIN"; exit 1; }
    # The settings so that a plain `asadmin start-domain` (DomainRestartIT) keeps them; the network settings.
    ( prepare_single_domain "$DOMAIN" "$ADMIN_PORT" ) || { stop_domain "$DOMAIN"; exit 1; }
    # Arquillian deploys through the admin listener as the admin user (src/test/resources/arquillian.xml): its
    # password reaches the tests as system properties read from this file (pom.xml, failsafe's systemPropertiesFile).
    mkdir -p "$JC_ROOT/target"
    (umask 077; printf 'it.admin.user=%s\nit.admin.password=%s\n' "$JC_ADMIN_USER" "$(admin_password)" > "$JC_ROOT/target/it-admin.properties")
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
  store-settings)
    # As ./jointchat run does with a running domain (SettingsIT): restarted when its process holds a setting this
    # environment does not give, then the settings of this environment stored (and those not given deleted).
    test_environment keep
    prepare_single_domain "$DOMAIN" "$ADMIN_PORT"
    ;;
  settings)
    print_settings "$DOMAIN"
    ;;
  stop)
    stop_domain "$DOMAIN"
    keycloak_stop   # single sign-on (issue 23, item 2)
    wildfly_stop jointchat-test   # issue 25: left running by an interrupted WildFlySmokeIT
    say "Test domain stopped."
    ;;
  stop-keycloak)
    # Single sign-on (issue 23, item 2): the provider goes down under a running domain (SingleSignOnInBrowsersIT).
    keycloak_stop
    say "Keycloak stopped."
    ;;
  start-cluster)
    started=$SECONDS
    stop_cluster "$CLUSTER"   # left behind by an interrupted run
    test_environment keep
    origins="http://localhost:$CLUSTER_PORT,http://127.0.0.1:$CLUSTER_PORT"
    for i in $(seq 1 "$CLUSTER_INSTANCES"); do
      origins+=",http://localhost:$(instance_http_port "$CLUSTER_PORT" "$i"),http://127.0.0.1:$(instance_http_port "$CLUSTER_PORT" "$i")"
    done
    export JOINTCHAT_ALLOWED_ORIGINS=$origins
    # As in production, the instances believe their nginx (127.0.0.1); the tests' own proxy address stays trusted.
    export JOINTCHAT_TRUSTED_PROXIES="127.0.0.1,$JOINTCHAT_TRUSTED_PROXIES"
    ( start_cluster "$CLUSTER" "$CLUSTER_PORT" "$CLUSTER_INSTANCES" "$JC_ROOT/target/jointchat.war" ) \
      || { stop_cluster "$CLUSTER"; exit 1; }
    say "Test cluster up in $(( SECONDS - started )) s: http://127.0.0.1:$CLUSTER_PORT/ (instances$(for i in $(seq 1 "$CLUSTER_INSTANCES"); do printf ' %s' "$(instance_http_port "$CLUSTER_PORT" "$i")"; done), admin $(cluster_admin_port "$CLUSTER"))"
    ;;
  stop-cluster)
    stop_cluster "$CLUSTER"
    say "Test cluster stopped."
    ;;
  kill-instance)
    # A crash: kill -9 of the instance's JVM, by the pid Payara records; returns once it is gone.
    name=$(cluster_instance "$CLUSTER" "${2:?instance number}")
    pid=$(instance_pid "$CLUSTER" "$name") || die "Instance $name does not run."
    kill -9 "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "Instance $name (pid $pid) is still there after kill -9."
    say "Instance $name (pid $pid) killed."
    ;;
  start-instance)
    # Payara's own command (the DAS starts it); returns once the application answers on the instance.
    i=${2:?instance number}
    name=$(cluster_instance "$CLUSTER" "$i")
    started=$SECONDS
    asadmin --port "$(cluster_admin_port "$CLUSTER")" start-instance "$name" >/dev/null || die "start-instance $name failed; see $(instance_log "$CLUSTER" "$name")"
    wait_ok "http://127.0.0.1:$(instance_http_port "$CLUSTER_PORT" "$i")/login.xhtml" 300 \
      || die "Instance $name did not answer; see $(instance_log "$CLUSTER" "$name")"
    say "Instance $name up again in $(( SECONDS - started )) s."
    ;;
  start-wildfly)
    # Issue 25: the same WAR on WildFly (WildFlySmokeIT), base jointchat-test, HTTP on 8080 + IT_WILDFLY_OFFSET, on a
    # database of its own (recreated), with the WAR's default settings but for its origins and no warm-up.
    offset=${IT_WILDFLY_OFFSET:-10500}
    started=$SECONDS
    wildfly_stop jointchat-test   # left behind by an interrupted run
    rm -rf "$(wildfly_base jointchat-test)"
    # The Payara test domain's settings (inherited from Maven) stay out: the WAR's defaults, as an operator meets them.
    for variable in $(compgen -v JOINTCHAT_); do unset "$variable"; done
    provision_database jointchat_wildfly_test fresh
    export JOINTCHAT_ALLOWED_ORIGINS="http://localhost:$(( 8080 + offset )),http://127.0.0.1:$(( 8080 + offset ))"
    export JOINTCHAT_WARMUP_HANDSHAKES=0 JOINTCHAT_HEAP=${JOINTCHAT_HEAP:-768m}
    export JC_WILDFLY_JVM_OPTIONS="-XX:TieredStopAtLevel=1"   # starts in less time on two cores; a smoke test
    ( wildfly_create jointchat-test && wildfly_start jointchat-test "$offset" \
        && wildfly_deploy jointchat-test "$JC_ROOT/target/jointchat.war" ) || { wildfly_stop jointchat-test; exit 1; }
    wait_ok "http://127.0.0.1:$(( 8080 + offset ))/login.xhtml" 120 || { wildfly_stop jointchat-test; die "JointChat did not answer on WildFly"; }
    say "WildFly test server up in $(( SECONDS - started )) s: http://127.0.0.1:$(( 8080 + offset ))/ (management $(( 9990 + offset )))"
    ;;
  stop-wildfly)
    wildfly_stop jointchat-test
    say "WildFly test server stopped."
    ;;
  *)
    echo "usage: scripts/test-server.sh start|restart|restart-plain|stop|stop-keycloak|store-settings|settings|start-cluster|stop-cluster|kill-instance I|start-instance I|start-wildfly|stop-wildfly" >&2; exit 2 ;;
esac
