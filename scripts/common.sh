# Shared by ./jointchat and scripts/test-server.sh: PostgreSQL provisioning and Payara domain control.
# Sourced, not run. Everything it starts it can stop again; it never touches processes it did not start.

JC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JC_RUNTIME="$JC_ROOT/.runtime"
# One generated database password per machine user, shared by every clone, never committed.
JC_CONFIG_DIR=${JOINTCHAT_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/jointchat}
JC_DB_ROLE=jointchat

say()  { printf '[jointchat] %s\n' "$*" >&2; }
die()  { printf '[jointchat] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

payara_home() {
  local version
  version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$JC_ROOT/pom.xml" | head -n1)
  echo "$JC_RUNTIME/payara-$version/payara6"
}

asadmin() {
  local home; home=$(payara_home)
  [ -f "$home/bin/asadmin" ] || die "Payara is not unpacked in $home (the Maven build unpacks it: ./mvnw package)."
  bash "$home/bin/asadmin" "$@"
}

# Runs SQL as the PostgreSQL superuser (the Debian cluster runs as 'postgres').
as_postgres_psql() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 $*")
  elif [ "$(id -un)" = postgres ]; then
    (cd / && sh -c "psql -X -q -v ON_ERROR_STOP=1 $*")
  else
    return 1
  fi
}

# Starts a local PostgreSQL on 127.0.0.1:5432, installing Debian's package when it is missing and we are root.
start_local_postgres() {
  port_open 127.0.0.1 5432 && return 0
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "Installing PostgreSQL (Debian package 'postgresql')..."
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
        || die "Could not install PostgreSQL. Set JOINTCHAT_DB_URL, JOINTCHAT_DB_USER and JOINTCHAT_DB_PASSWORD to use an existing database."
    else
      die "No PostgreSQL found on 127.0.0.1:5432 and cannot install one (needs root and apt-get). Set JOINTCHAT_DB_URL, JOINTCHAT_DB_USER and JOINTCHAT_DB_PASSWORD."
    fi
  fi
  local version cluster
  read -r version cluster < <(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 {print $1, $2; exit}')
  if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n1)
    cluster=main
    say "Creating PostgreSQL cluster $version/$cluster..."
    pg_createcluster "$version" "$cluster" -p 5432 >/dev/null || die "pg_createcluster failed. Set JOINTCHAT_DB_URL to use an existing database."
  fi
  say "Starting PostgreSQL cluster $version/$cluster..."
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start \
    || die "Could not start PostgreSQL $version/$cluster. Set JOINTCHAT_DB_URL to use an existing database."
  for _ in $(seq 1 60); do port_open 127.0.0.1 5432 && return 0; sleep 0.5; done
  die "PostgreSQL did not open port 5432. Set JOINTCHAT_DB_URL to use an existing database."
}

# Makes sure the role and database exist and exports JOINTCHAT_DB_* for the server.
# $1: database name; $2: "fresh" to drop and recreate it (the test database).
provision_database() {
  local db=$1 mode=${2:-keep}
  start_local_postgres
  mkdir -p "$JC_CONFIG_DIR"
  local cred="$JC_CONFIG_DIR/db.env"
  if [ ! -f "$cred" ]; then
    (umask 077; printf 'JOINTCHAT_DB_PASSWORD=%s\n' "$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')" > "$cred")
  fi
  # shellcheck disable=SC1090
  . "$cred"
  as_postgres_psql <<SQL || die "Cannot create the database role as the 'postgres' user (run as root, or set JOINTCHAT_DB_URL, JOINTCHAT_DB_USER and JOINTCHAT_DB_PASSWORD)."
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$JC_DB_ROLE') THEN
    CREATE ROLE $JC_DB_ROLE LOGIN PASSWORD '$JOINTCHAT_DB_PASSWORD';
  ELSE
    ALTER ROLE $JC_DB_ROLE LOGIN PASSWORD '$JOINTCHAT_DB_PASSWORD';
  END IF;
END \$\$;
SQL
  if [ "$mode" = fresh ]; then
    as_postgres_psql <<<"DROP DATABASE IF EXISTS $db WITH (FORCE);" || die "Cannot drop database $db."
  fi
  as_postgres_psql <<SQL || die "Cannot create database $db."
SELECT 'CREATE DATABASE $db OWNER $JC_DB_ROLE ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \gexec
SQL
  export JOINTCHAT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
  export JOINTCHAT_DB_USER=$JC_DB_ROLE
  export JOINTCHAT_DB_PASSWORD
}

domain_exists()  { [ -d "$(payara_home)/glassfish/domains/$1" ]; }
domain_running() { port_open 127.0.0.1 "$1"; }   # $1: admin port

# $1: domain, $2: portbase (admin = portbase+48, http = portbase+80).
create_domain() {
  say "Creating Payara domain $1 (http port $(( $2 + 80 )), admin port $(( $2 + 48 )))..."
  asadmin create-domain --nopassword=true --portbase "$2" "$1" >/dev/null || die "create-domain $1 failed."
  # Sockets are files: a chat server holds many (the hard limit on this kind of machine is 20,000).
  echo "$2" > "$(payara_home)/glassfish/domains/$1/jointchat-portbase"
}

# Starts the domain with the current environment (JOINTCHAT_* reach the server as MicroProfile Config).
# JOINTCHAT_HEAP sets the server's -Xmx (default 1g; Payara's own default is 512m).
start_domain() {
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  # Payara's HTTP pool defaults to 5 threads and a 4,096-task queue: too few for thousands of sockets
  # opening at once (handshakes were refused with "task queue is full").
  sed -i -E -e "s#<jvm-options>-Xmx[0-9]+[mMgG]</jvm-options>#<jvm-options>-Xmx${JOINTCHAT_HEAP:-1g}</jvm-options>#" \
    -e "s#<thread-pool name=\"http-thread-pool\"[^>/]*(/?)>#<thread-pool name=\"http-thread-pool\" max-thread-pool-size=\"${JOINTCHAT_HTTP_THREADS:-32}\" max-queue-size=\"65536\"\\1>#" \
    "$(payara_home)/glassfish/domains/$1/config/domain.xml"
  say "Starting Payara domain $1..."
  asadmin start-domain "$1" >/dev/null || die "start-domain $1 failed; see $(payara_home)/glassfish/domains/$1/logs/server.log"
}

# Every MicroProfile Config property of the application (the environment name is the upper-case form with
# dots and dashes as underscores: jointchat.ws.idle-timeout -> JOINTCHAT_WS_IDLE_TIMEOUT).
JC_SETTINGS="jointchat.db.url jointchat.db.user jointchat.allowed-origins jointchat.api.max-body-bytes jointchat.remember-me.ttl jointchat.cookies.secure
  jointchat.chat.rate.messages jointchat.chat.rate.window jointchat.chat.writer.batch jointchat.chat.writer.queue
  jointchat.files.max-size jointchat.files.quota jointchat.files.types jointchat.files.concurrent-uploads
  jointchat.search.rate.queries jointchat.search.rate.window
  jointchat.login.lockout.failures jointchat.login.lockout.window jointchat.password.iterations
  jointchat.presence.offline-grace jointchat.token.ttl jointchat.ws.admission-rate jointchat.ws.drain-timeout
  jointchat.ws.idle-timeout jointchat.ws.max-concurrent-handshakes jointchat.ws.max-connections
  jointchat.ws.max-queued-frames jointchat.ws.ping-interval jointchat.ws.sender-threads"

# The running domain keeps the settings it was given: each JOINTCHAT_* variable set now becomes a domain
# MicroProfile Config property, and the database password a password alias (Payara's "password" config
# source serves it as jointchat.db.password; encrypted in the domain, never in a plain file). So
# `asadmin start-domain` — by an operator, a supervisor or a reboot — starts JointChat with no environment.
# The environment still wins over them when set. $1: admin port.
store_settings() {
  local port=$1 property variable commands secret output
  commands=$(mktemp) secret=$(mktemp)
  chmod 600 "$commands" "$secret"
  # shellcheck disable=SC2064
  trap "rm -f '$commands' '$secret'" EXIT   # the password file never outlives this script
  for property in $JC_SETTINGS; do
    variable=$(printf '%s' "$property" | tr 'a-z.-' 'A-Z__')
    if [ -n "${!variable:-}" ]; then
      printf 'set-config-property --source=domain --propertyName=%s --propertyValue=%q\n' "$property" "${!variable}" >> "$commands"
    fi
  done
  if [ -n "${JOINTCHAT_DB_PASSWORD:-}" ]; then
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$JOINTCHAT_DB_PASSWORD" > "$secret"
    if asadmin --port "$port" list-password-aliases 2>/dev/null | grep -qx 'jointchat.db.password'; then
      echo 'update-password-alias jointchat.db.password' >> "$commands"
    else
      echo 'create-password-alias jointchat.db.password' >> "$commands"
    fi
  fi
  # multimode's exit status is the last command's only: every command's own outcome is checked.
  output=$(asadmin --port "$port" --passwordfile "$secret" multimode --file "$commands" 2>&1) || true
  rm -f "$commands" "$secret"
  if grep -qiE 'failed|error|invalid' <<<"$output"; then
    die "Could not store the settings in the domain (admin port $port): $output"
  fi
}

stop_domain() {
  domain_exists "$1" || return 0
  asadmin stop-domain "$1" >/dev/null 2>&1 || true
}

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

# The browser tests drive Debian's Chromium through its ChromeDriver; install both when missing.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Chromium and ChromeDriver for the browser tests (Debian packages)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
      || die "Could not install chromium and chromium-driver."
  else
    say "WARNING: /usr/bin/chromium and /usr/bin/chromedriver are missing; the browser tests will fail. Install Debian's chromium and chromium-driver."
  fi
}
