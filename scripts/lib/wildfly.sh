# WildFly, the second application server (issue 25, docs/deployment.md): the same target/jointchat.war on
# org.wildfly:wildfly-dist from Maven Central, unpacked into .runtime by the Maven build like Payara.
# Sourced by scripts/common.sh, not run. It stops only the WildFly it started (by the pid it wrote).
#
# A server base (a copy of WildFly's standalone/ folder, as Payara has domains) per use: jointchat (./jointchat run
# --server wildfly) and jointchat-test (WildFlySmokeIT). Each listens on 127.0.0.1 only: HTTP on 8080 + offset,
# management (health, CLI) on 9990 + offset.

wildfly_version() { sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$JC_ROOT/pom.xml" | head -n1; }
wildfly_home() { local v; v=$(wildfly_version); echo "$JC_RUNTIME/wildfly-$v/wildfly-$v"; }
wildfly_base() { echo "$(wildfly_home)/$1"; }
wildfly_pid_file() { echo "$(wildfly_base "$1")/jointchat.pid"; }

# What JointChat needs of the server, applied once to the unpacked server's own standalone.xml (the Jakarta EE profile
# with EJB, Faces and Mail; every base is copied from it): MicroProfile Health and OpenAPI as in WildFly's
# MicroProfile profile (which lacks EJB and Faces); Jakarta Security's own mechanism decides who is signed in
# (integrated-jaspi off: the caller's groups are its roles, no Elytron realm); the root context belongs to the WAR,
# not the welcome page; stored settings are a folder of files (one per setting, named by the property), WildFly's
# counterpart of Payara's domain properties and password aliases, below the environment (ordinal 300) and above the
# WAR's defaults.
WILDFLY_CLI='embed-server --server-config=standalone.xml --std-out=discard
/extension=org.wildfly.extension.microprofile.health-smallrye:add
/extension=org.wildfly.extension.microprofile.openapi-smallrye:add
batch
/subsystem=microprofile-health-smallrye:add(security-enabled=false,empty-liveness-checks-status=UP,empty-readiness-checks-status=UP,empty-startup-checks-status=UP)
/subsystem=microprofile-openapi-smallrye:add
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)
/subsystem=undertow/server=default-server/host=default-host/location=\/:remove
/subsystem=microprofile-config-smallrye/config-source=jointchat:add(dir={path=jointchat-settings,relative-to=jboss.server.config.dir},ordinal=250)
run-batch
stop-embedded-server'

# Configures the unpacked server once (a marker holds a hash of the commands).
wildfly_configure() {
  local home marker
  home=$(wildfly_home)
  [ -x "$home/bin/standalone.sh" ] || die "WildFly is not unpacked in $home (the Maven build unpacks it: ./mvnw package)."
  marker="$home/.jointchat-configured-$(printf '%s' "$WILDFLY_CLI" | md5sum | cut -c1-12)"
  [ -f "$marker" ] && return 0
  say "Configuring WildFly $(wildfly_version) for JointChat (once)..."
  rm -f "$home"/.jointchat-configured-*
  printf '%s\n' "$WILDFLY_CLI" > "$home/jointchat.cli"
  (cd "$home" && bin/jboss-cli.sh --file="$home/jointchat.cli" >"$home/jointchat-cli.log" 2>&1) \
    || die "Configuring WildFly failed; see $home/jointchat-cli.log"
  touch "$marker"
}

# A fresh base $1 (copied from the configured standalone/ folder), unless it exists.
wildfly_create() {
  local base
  wildfly_configure
  base=$(wildfly_base "$1")
  [ -d "$base" ] && return 0
  cp -a "$(wildfly_home)/standalone" "$base"
  mkdir -p "$base/configuration/jointchat-settings"
  chmod 700 "$base/configuration/jointchat-settings"
}

# The secrets go into the base's settings folder (0600 files), never into the server's environment.
wildfly_store_secrets() {
  local dir secret variable
  dir="$(wildfly_base "$1")/configuration/jointchat-settings"
  for secret in $JC_SECRETS; do
    variable=$(setting_variable "$secret")
    if [ -n "${!variable:-}" ]; then
      (umask 077; printf '%s' "${!variable}" > "$dir/$secret")
    fi
  done
}

# The JVM of base $1 (by the pid standalone.sh wrote); fails when it does not run.
wildfly_pid() {
  local pid
  pid=$(cat "$(wildfly_pid_file "$1")" 2>/dev/null) || return 1
  # standalone.sh hands the JVM the base's physical path (symbolic links resolved).
  [ -n "$pid" ] && tr '\0' '\n' 2>/dev/null < "/proc/$pid/cmdline" \
    | grep -qxF -- "-Djboss.server.base.dir=$(readlink -f "$(wildfly_base "$1")")" && echo "$pid"
}

wildfly_running() { wildfly_pid "$1" >/dev/null; }

# Starts base $1 with port offset $2 in the background (its own process group), with this environment's settings
# (the secrets excepted: wildfly_store_secrets); returns when the management interface answers.
# JOINTCHAT_HEAP sets -Xmx (default 1g).
wildfly_start() {
  local name=$1 offset=$2 base home log
  home=$(wildfly_home); base=$(wildfly_base "$name"); log="$base/log/server.log"
  wildfly_running "$name" && return 0
  port_open 127.0.0.1 $(( 8080 + offset )) && die "Port $(( 8080 + offset )) is in use: WildFly cannot start there."
  wildfly_store_secrets "$name"
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  say "Starting WildFly $(wildfly_version) (base $name, http port $(( 8080 + offset )))..."
  (
    for secret in $JC_SECRETS; do unset "$(setting_variable "$secret")"; done
    cd "$home" || exit 1
    export JAVA_OPTS="-Xms64m -Xmx${JOINTCHAT_HEAP:-1g} -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true ${JC_WILDFLY_JVM_OPTIONS:-}"
    export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE
    JBOSS_PIDFILE=$(wildfly_pid_file "$name")
    rm -f "$JBOSS_PIDFILE"
    setsid bin/standalone.sh -c standalone.xml -Djboss.server.base.dir="$base" \
      -Djboss.socket.binding.port-offset="$offset" -b 127.0.0.1 -bmanagement 127.0.0.1 \
      </dev/null >"$base/console.log" 2>&1 &
  )
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "http://127.0.0.1:$(( 9990 + offset ))/health/live")" = 200 ] && return 0
    sleep 0.5
  done
  die "WildFly did not start; see $log and $base/console.log"
}

# Deploys WAR $2 to base $1 at the root context (the deployment scanner: ROOT.war); waits for the outcome.
wildfly_deploy() {
  local deployments
  deployments="$(wildfly_base "$1")/deployments"
  rm -f "$deployments"/ROOT.war.*
  cp "$2" "$deployments/ROOT.war.tmp" && mv "$deployments/ROOT.war.tmp" "$deployments/ROOT.war"
  touch "$deployments/ROOT.war.dodeploy"
  for _ in $(seq 1 240); do
    [ -f "$deployments/ROOT.war.deployed" ] && return 0
    [ -f "$deployments/ROOT.war.failed" ] && die "Deployment to WildFly failed: $(cat "$deployments/ROOT.war.failed")"
    sleep 0.5
  done
  die "Deployment to WildFly did not finish; see $(wildfly_base "$1")/log/server.log"
}

# Stops base $1 (its whole process group), if it runs; returns once it is gone.
wildfly_stop() {
  local pid
  pid=$(wildfly_pid "$1") || { rm -f "$(wildfly_pid_file "$1")"; return 0; }
  # standalone.sh runs in the group that setsid made; its JVM is the pid in the file.
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(wildfly_pid_file "$1")"; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$(wildfly_pid_file "$1")"
}
