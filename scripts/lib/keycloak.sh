# Keycloak, the identity provider the single sign-on tests run against (issue 23, item 2), and an operator's
# example (docs/operations.md). org.keycloak:keycloak-quarkus-dist from Maven Central, unpacked into .runtime by the
# Maven build like Payara; it needs Java 21 or newer (JointChat itself stays on 17).
# Sourced by scripts/common.sh, not run. It stops only the Keycloak it started (by the pid it wrote).

KC_PID_FILE="$JC_RUNTIME/keycloak-test.pid"
# The server is built once for these options (kc.sh build), so that each start skips Quarkus' build step.
KC_BUILD_OPTIONS="--db=dev-mem --health-enabled=false --metrics-enabled=false"
# Options of every start. --cache=local: production mode otherwise uses the "ispn" cache, a JGroups cluster that
# listens on 7800 and 57800 on every interface beside the loopback HTTP port; one test/demo Keycloak needs no
# cluster. A run-time option since Keycloak 26 ("kc.cache ... will be ignored during build time"), so not a build one.
KC_START_OPTIONS="--cache=local"

keycloak_version() { sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$JC_ROOT/pom.xml" | head -n1; }
keycloak_home() { local v; v=$(keycloak_version); echo "$JC_RUNTIME/keycloak-$v/keycloak-$v"; }

# A Java 21+ home: KEYCLOAK_JAVA_HOME, else JAVA_HOME, else the java on the PATH (its real home), else the Temurin 25
# of these machines, else any JDK 21+ in /usr/lib/jvm.
keycloak_java() {
  local candidate on_path=""
  if command -v java >/dev/null 2>&1; then
    on_path=$(readlink -f "$(command -v java)")
    on_path=${on_path%/bin/java}
  fi
  for candidate in "${KEYCLOAK_JAVA_HOME:-}" "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

# The optimized server for KC_BUILD_OPTIONS, built once per unpacked Keycloak (~1 min; a marker remembers it).
keycloak_build() {
  local home=$1 java=$2 marker
  marker="$home/.jointchat-build-$(printf '%s' "$KC_BUILD_OPTIONS" | md5sum | cut -c1-12)"
  [ -f "$marker" ] && return 0
  say "Building Keycloak once for a fast start ($KC_BUILD_OPTIONS)..."
  # shellcheck disable=SC2086
  (cd "$home" && JAVA_HOME=$java bin/kc.sh build $KC_BUILD_OPTIONS >"$home/build.log" 2>&1) \
    || die "kc.sh build failed; see $home/build.log"
  rm -f "$home"/.jointchat-build-*
  touch "$marker"
}

# Starts Keycloak in the background (returns at once) on 127.0.0.1:$1 with realm file $2 imported, in memory (a
# fresh realm each start), logging to $3. keycloak_ready waits for it.
keycloak_start() {
  local port=$1 realm=$2 log=$3 home java
  keycloak_stop
  home=$(keycloak_home)
  [ -x "$home/bin/kc.sh" ] || die "Keycloak is not unpacked in $home (the Maven build unpacks it: ./mvnw package)."
  java=$(keycloak_java) || die "Keycloak needs Java 21 or newer: set KEYCLOAK_JAVA_HOME to a JDK 21+."
  port_open 127.0.0.1 "$port" && die "Port $port is taken: Keycloak cannot start there."
  keycloak_build "$home" "$java"
  mkdir -p "$home/data/import" "$(dirname "$log")"
  rm -f "$home"/data/import/*.json
  cp "$realm" "$home/data/import/"
  say "Starting Keycloak on http://127.0.0.1:$port/ in the background (log: $log)..."
  # Its own process group (setsid), so that stopping it ends kc.sh and its JVM and nothing else. A small heap; C1
  # only, which starts it in less time on two cores (it serves a handful of sign-ins).
  (
    cd "$home" || exit 1
    export JAVA_HOME=$java JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" JAVA_OPTS_APPEND="-XX:TieredStopAtLevel=1"
    # The new session's leader writes its own pid (= the process group's id) and then becomes kc.sh (exec keeps the
    # pid): the pid file names Keycloak's kc.sh itself, not a wrapper, and its JVM is in that group.
    # shellcheck disable=SC2016
    KC_PORT=$port KC_PID_FILE=$KC_PID_FILE KC_START_OPTIONS=$KC_START_OPTIONS setsid bash -c 'echo $$ > "$KC_PID_FILE"
      exec bin/kc.sh start --optimized $KC_START_OPTIONS --http-enabled=true --http-host=127.0.0.1 \
        --http-port="$KC_PORT" --hostname="http://127.0.0.1:$KC_PORT" --import-realm' </dev/null >"$log" 2>&1 &
    for _ in $(seq 1 50); do [ -s "$KC_PID_FILE" ] && break; sleep 0.1; done
  )
}

# Waits until realm $2's discovery document answers on port $1 (at most $3 seconds).
keycloak_ready() {
  wait_ok "http://127.0.0.1:$1/realms/$2/.well-known/openid-configuration" "${3:-120}"
}

# Stops the Keycloak keycloak_start started (its whole process group), if it still runs; returns once it is gone.
keycloak_stop() {
  local pid
  pid=$(cat "$KC_PID_FILE" 2>/dev/null) || return 0
  [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null || { rm -f "$KC_PID_FILE"; return 0; }
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qE 'kc\.sh|keycloak|quarkus'; then
    rm -f "$KC_PID_FILE"; return 0   # the pid was reused by something else
  fi
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 -- "-$pid" 2>/dev/null || { rm -f "$KC_PID_FILE"; return 0; }
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$KC_PID_FILE"
}
