# Shared by ./jointchat and scripts/test-server.sh: PostgreSQL provisioning and Payara domain control.
# Sourced, not run. Everything it starts it can stop again; it never touches processes it did not start.

JC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JC_RUNTIME="$JC_ROOT/.runtime"
# One generated database password per machine user, shared by every clone, never committed.
JC_CONFIG_DIR=${JOINTCHAT_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/jointchat}
JC_DB_ROLE=jointchat

say()  { printf '[jointchat] %s\n' "$*" >&2; }
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }   # $1: bytes
die()  { printf '[jointchat] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

payara_home() {
  local version
  version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$JC_ROOT/pom.xml" | head -n1)
  echo "$JC_RUNTIME/payara-$version/payara6"
}

# The domains' admin user has a generated password, one per machine user like the database's, kept in
# ~/.config/jointchat/admin.env (mode 600) in asadmin's --passwordfile format and never in the repository.
JC_ADMIN_USER=admin
admin_password_file() {
  local file="$JC_CONFIG_DIR/admin.env"
  if [ ! -s "$file" ]; then
    (umask 077; mkdir -p "$JC_CONFIG_DIR"; printf 'AS_ADMIN_PASSWORD=%s\n' "$(random_hex 18)" > "$file")
  fi
  echo "$file"
}
admin_password() { sed -n 's/^AS_ADMIN_PASSWORD=//p' "$(admin_password_file)"; }

# The data grid's shared secret, generated once per machine user (~/.config/jointchat/grid.env, mode 600). The
# domains keep it as the password alias jointchat.cluster.secret (the application seals what it publishes on the
# grid with it), and the grid's cluster name is derived from it (a member that does not know it is not let in).
grid_secret() {
  local file="$JC_CONFIG_DIR/grid.env"
  if [ -n "${JOINTCHAT_CLUSTER_SECRET:-}" ]; then echo "$JOINTCHAT_CLUSTER_SECRET"; return; fi   # a multi-host cluster's own
  if [ ! -s "$file" ]; then
    (umask 077; mkdir -p "$JC_CONFIG_DIR"; printf 'JOINTCHAT_CLUSTER_SECRET=%s\n' "$(random_hex 32)" > "$file")
  fi
  sed -n 's/^JOINTCHAT_CLUSTER_SECRET=//p' "$file"
}
# $1: domain. One-way: domain.xml shows the name, never the secret.
grid_cluster_name() { echo "$1-$(printf 'jointchat grid name\n%s' "$(grid_secret)" | sha256sum | cut -c1-32)"; }

# Every asadmin call authenticates as the admin user (JC_PASSWORDFILE: another password file, for commands
# that need more passwords than the admin's in it).
asadmin() {
  local home; home=$(payara_home)
  [ -f "$home/bin/asadmin" ] || die "Payara is not unpacked in $home (the Maven build unpacks it: ./mvnw package)."
  bash "$home/bin/asadmin" --user "$JC_ADMIN_USER" --passwordfile "${JC_PASSWORDFILE:-$(admin_password_file)}" "$@"
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

# Whether Debian packages can be installed here (root, with apt-get).
can_apt_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# Installs Debian packages quietly (the package lists are refreshed first); fails when they cannot be installed.
apt_install() {
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Starts a local PostgreSQL on 127.0.0.1:5432, installing Debian's package when it is missing and we are root.
start_local_postgres() {
  port_open 127.0.0.1 5432 && return 0
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if can_apt_install; then
      say "Installing PostgreSQL (Debian package 'postgresql')..."
      apt_install postgresql \
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
  # The admin password comes from the password file the asadmin wrapper passes.
  asadmin create-domain --portbase "$2" "$1" >/dev/null || die "create-domain $1 failed."
  # Sockets are files: a chat server holds many (the hard limit on this kind of machine is 20,000).
  echo "$2" > "$(payara_home)/glassfish/domains/$1/jointchat-portbase"
}

# Starts the domain with the current environment (JOINTCHAT_* reach the server as MicroProfile Config), the
# secrets excepted.
# JOINTCHAT_HEAP sets the server's -Xmx (default 1g; Payara's own default is 512m).
start_domain() {
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  # Payara's HTTP pool defaults to 5 threads and a 4,096-task queue: too few for thousands of sockets
  # opening at once (handshakes were refused with "task queue is full").
  sed -i -E -e "s#<jvm-options>-Xmx[0-9]+[mMgG]</jvm-options>#<jvm-options>-Xmx${JOINTCHAT_HEAP:-1g}</jvm-options>#" \
    -e "s#<thread-pool name=\"http-thread-pool\"[^>/]*(/?)>#<thread-pool name=\"http-thread-pool\" max-thread-pool-size=\"${JOINTCHAT_HTTP_THREADS:-32}\" max-queue-size=\"65536\"\\1>#" \
    "$(payara_home)/glassfish/domains/$1/config/domain.xml"
  say "Starting Payara domain $1..."
  # The secrets stay out of the server's environment (/proc/PID/environ): it reads the domain's password aliases.
  (unset JOINTCHAT_DB_PASSWORD JOINTCHAT_CLUSTER_SECRET; asadmin start-domain "$1" >/dev/null) \
    || die "start-domain $1 failed; see $(payara_home)/glassfish/domains/$1/logs/server.log"
}

# ------------------------------------------------------------------------------------------------------------
# Settings. Every MicroProfile Config property of the application that the scripts pass on, one a line (the
# environment name is the upper-case form with dots and dashes as underscores: jointchat.ws.idle-timeout ->
# JOINTCHAT_WS_IDLE_TIMEOUT). A new setting is one more line here (and its default in
# src/main/resources/META-INF/microprofile-config.properties or the @ConfigProperty).
JC_SETTINGS="
  jointchat.db.url
  jointchat.db.user
  jointchat.allowed-origins
  jointchat.api.max-body-bytes
  jointchat.remember-me.ttl
  jointchat.cookies.secure
  jointchat.cluster.enabled
  jointchat.trusted-proxies
  jointchat.chat.rate.messages
  jointchat.chat.rate.window
  jointchat.chat.writer.batch
  jointchat.chat.writer.queue
  jointchat.files.max-size
  jointchat.files.quota
  jointchat.files.types
  jointchat.files.concurrent-uploads
  jointchat.search.rate.queries
  jointchat.search.rate.window
  jointchat.login.lockout.failures
  jointchat.login.lockout.window
  jointchat.password.iterations
  jointchat.presence.offline-grace
  jointchat.token.ttl
  jointchat.ws.admission-rate
  jointchat.ws.drain-timeout
  jointchat.ws.idle-timeout
  jointchat.ws.max-concurrent-handshakes
  jointchat.ws.max-connections
  jointchat.ws.max-queued-frames
  jointchat.ws.ping-interval
  jointchat.ws.sender-threads
"
# Secrets: kept as password aliases of the domain (Payara's "password" config source serves each under its own
# name), never as plain properties, and never printed. Variable = JOINTCHAT_ form of the alias.
JC_SECRETS="jointchat.db.password jointchat.cluster.secret"

setting_variable() { printf '%s' "$1" | tr 'a-z.-' 'A-Z__'; }

# The jointchat.* properties domain $1 holds (domain-level MicroProfile Config), as "name<TAB>value" lines.
stored_settings() {
  local xml; xml="$(payara_home)/glassfish/domains/$1/config/domain.xml"
  [ -f "$xml" ] || return 0
  sed -n 's:^ *<property name="payara\.microprofile\.\(jointchat\.[^"]*\)" value="\([^"]*\)".*:\1\t\2:p' "$xml" \
    | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}

# The defaults, as "name<TAB>value" lines: META-INF/microprofile-config.properties first, then the defaultValue of
# each @ConfigProperty in the code (the first one found wins).
setting_defaults() {
  local properties="$JC_ROOT/src/main/resources/META-INF/microprofile-config.properties"
  {
    grep -E '^jointchat\.' "$properties" 2>/dev/null | sed 's/=/\t/' || true
    cat "$JC_ROOT"/src/main/java/org/jointchat/*/*.java 2>/dev/null | tr '\n' ' ' | grep -oE '@ConfigProperty *\([^)]*\)' \
      | sed -nE -e 's/.*[( ,]name *= *"(jointchat\.[^"]+)".*defaultValue *= *"([^"]*)".*/\1\t\2/p' -e 't' \
               -e 's/.*defaultValue *= *"([^"]*)".*[( ,]name *= *"(jointchat\.[^"]+)".*/\2\t\1/p' || true
  } | awk -F'\t' '!seen[$1]++'
}

# Every setting the scripts pass on, one a line, secrets excepted: JC_SETTINGS, every key of
# microprofile-config.properties and every jointchat.* name an @ConfigProperty of the code reads. So a setting
# the code gains is stored by a run, and deleted again by a run without it, with no line here.
known_settings() {
  {
    printf '%s\n' $JC_SETTINGS
    setting_defaults | cut -f1
    cat "$JC_ROOT"/src/main/java/org/jointchat/*/*.java 2>/dev/null | tr '\n' ' ' | grep -oE '@ConfigProperty *\([^)]*\)' \
      | sed -nE 's/.*[( ,]name *= *"(jointchat\.[^"]+)".*/\1/p' || true
  } | grep -E '^jointchat\.' | sort -u | grep -vxF -f <(printf '%s\n' $JC_SECRETS)
}

# The JVM of domain $1 (by the pid Payara records); fails when it does not run.
domain_pid() {
  local pid
  pid=$(cat "$(payara_home)/glassfish/domains/$1/config/pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -E -- "/domains/$1([/ ]|\$)" >/dev/null && echo "$pid"
}

# The JOINTCHAT_* variables of the running domain $1's process ("NAME=value" lines, sorted); nothing when it does not run.
server_environment() {
  local pid
  pid=$(domain_pid "$1") || return 0
  tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -E '^JOINTCHAT_[A-Z0-9_]*=' | sort || true
}

# Whether the running domain $1 was started with a setting (a JOINTCHAT_* variable of a setting or secret) that
# this environment does not give, or gives otherwise: its process would keep it over the stored settings, so it
# must start again. A variable given now and not to the process needs no restart (the stored value applies).
server_environment_stale() {
  local line variable
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    variable=${line%%=*}
    grep -qxF "$variable" <(for p in $(known_settings) $JC_SECRETS; do setting_variable "$p"; echo; done) || continue
    [ "${!variable-}" = "${line#*=}" ] && [ -n "${!variable+set}" ] || return 0
  done < <(server_environment "$1")
  return 1
}

# The running domain keeps the settings it was given: each JOINTCHAT_* variable of a known setting set now becomes
# a domain MicroProfile Config property, and every setting not given now is deleted from it, so that it goes back
# to its default (a limit lifted once for a benchmark does not stay lifted). The secrets become password aliases
# (the grid's shared secret always: generated once per machine user). So `asadmin start-domain` — by an operator,
# a supervisor or a reboot — starts JointChat with no environment. The environment still wins over them when set.
# $1: admin port, $2: domain.
store_settings() {
  local port=$1 domain=$2 property variable commands secret output aliases verb
  commands=$(mktemp) secret=$(mktemp)
  chmod 600 "$commands" "$secret"
  # shellcheck disable=SC2064
  trap "rm -f '$commands' '$secret'" EXIT   # the password file never outlives this script
  for property in $(known_settings) $(stored_settings "$domain" | cut -f1); do
    variable=$(setting_variable "$property")
    if [ -n "${!variable:-}" ]; then
      printf 'set-config-property --source=domain --propertyName=%s --propertyValue=%q\n' "$property" "${!variable}"
    else
      printf 'delete-config-property --source=domain --propertyName=%s\n' "$property"
    fi
  done | sort -u >> "$commands"
  aliases=$(asadmin --port "$port" list-password-aliases 2>/dev/null || true)
  # The grid's secret: stored once (again only when JOINTCHAT_CLUSTER_SECRET names another one).
  if [ -n "${JOINTCHAT_CLUSTER_SECRET:-}" ] || ! grep -qx 'jointchat.cluster.secret' <<<"$aliases"; then
    printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_ALIASPASSWORD=%s\n' "$(admin_password)" "$(grid_secret)" > "$secret"
    if grep -qx 'jointchat.cluster.secret' <<<"$aliases"; then verb=update-password-alias; else verb=create-password-alias; fi
    output=$(JC_PASSWORDFILE=$secret asadmin --port "$port" "$verb" jointchat.cluster.secret 2>&1) \
      || die "Could not store the grid's secret as a password alias (admin port $port): $output"
  fi
  # The database password, with the other settings (the batch's password file holds the admin's and the alias's).
  printf 'AS_ADMIN_PASSWORD=%s\n' "$(admin_password)" > "$secret"
  if [ -n "${JOINTCHAT_DB_PASSWORD:-}" ]; then
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$JOINTCHAT_DB_PASSWORD" >> "$secret"
    if grep -qx 'jointchat.db.password' <<<"$aliases"; then verb=update-password-alias; else verb=create-password-alias; fi
    echo "$verb jointchat.db.password" >> "$commands"
  fi
  output=$(JC_PASSWORDFILE=$secret asadmin --port "$port" multimode --file "$commands" 2>&1) || true
  rm -f "$commands" "$secret"
  if [ -n "$(multimode_failures <<<"$output")" ]; then
    die "Could not store the settings in the domain (admin port $port): $output"
  fi
}

# The effective value and origin of every setting for domain $1 (./jointchat settings), as the server runs (or, when
# stopped, would start) with it: a JOINTCHAT_* variable of the running server's process, else the value stored in
# the domain (password aliases for the secrets), else the default of microprofile-config.properties or of the code.
# A variable of this shell is what the next `./jointchat run` applies: shown when it differs. Secrets are masked.
print_settings() {
  local domain=$1 defaults stored running property variable value origin shell
  defaults=$(setting_defaults)
  stored=$(stored_settings "$domain")
  running=$(server_environment "$domain")
  printf '%-40s %-44s %s\n' SETTING VALUE ORIGIN
  for property in $( (known_settings; printf '%s\n' $JC_SECRETS; cut -f1 <<<"$stored") | grep -E '^jointchat\.' | sort -u); do
    variable=$(setting_variable "$property")
    if grep -q "^$variable=" <<<"$running"; then
      value=$(grep -m1 "^$variable=" <<<"$running" | cut -d= -f2-) origin="environment ($variable of the running server)"
    elif grep -q "^$property	" <<<"$stored"; then
      value=$(grep -m1 "^$property	" <<<"$stored" | cut -f2-) origin="stored in domain $domain"
    elif [[ " $JC_SECRETS " == *" $property "* ]] && domain_exists "$domain"; then
      value="(set)" origin="password alias in domain $domain"
    elif grep -q "^$property	" <<<"$defaults"; then
      value=$(grep -m1 "^$property	" <<<"$defaults" | cut -f2-) origin="default"
    else
      value="(none)" origin="not set"
    fi
    shell=""
    if [ -n "${!variable+set}" ] && [ "${!variable}" != "$value" ]; then shell=${!variable}; fi
    if [[ " $JC_SECRETS " == *" $property "* ]]; then
      [ "$value" = "(none)" ] || value="********"
      [ -z "$shell" ] || shell="********"
    fi
    [ -z "$shell" ] || origin+="; this shell has $variable=$shell (applied by the next run)"
    printf '%-40s %-44s %s\n' "$property" "$value" "$origin"
  done
}

# ------------------------------------------------------------------------------------------------------------
# Only HTTP(S) faces the network (docs/operations.md, "Network exposure and the data grid"). Both the single
# domain and the cluster get: the admin listener on loopback (a cluster's admin listeners on the grid interface),
# the data grid on the grid interface with a cluster name derived from the shared secret, H2's server on
# loopback, JMX, IIOP and the JMS broker off, no product or version in Server / X-Powered-By.

# The interface the data grid (and a cluster's admin listeners) bind to: loopback unless a multi-host cluster
# names its own with JOINTCHAT_GRID_INTERFACE (an address of this machine).
grid_interface() { echo "${JOINTCHAT_GRID_INTERFACE:-127.0.0.1}"; }

# Gives the admin user of the running domain on admin port $1 the generated password when it has none yet
# (a domain made with --nopassword by an earlier version).
ensure_admin_password() {
  local port=$1 file output
  asadmin --port "$port" uptime >/dev/null 2>&1 && return 0
  file=$(mktemp); chmod 600 "$file"
  printf 'AS_ADMIN_PASSWORD=\nAS_ADMIN_NEWPASSWORD=%s\n' "$(admin_password)" > "$file"
  say "Giving the domain's admin user its generated password ($(admin_password_file))..."
  output=$(JC_PASSWORDFILE=$file asadmin --port "$port" change-admin-password 2>&1) || true
  rm -f "$file"
  asadmin --port "$port" uptime >/dev/null 2>&1 \
    || die "asadmin cannot sign in on admin port $port with the password in $(admin_password_file): $output"
}

# Applies the network settings to the running DAS of domain $1 (admin port $2) for the configs $3 (space-separated:
# server-config, and a cluster's config) with the admin listeners on $4; the grid's members are $5 (host:port,
# comma-separated; empty: Payara's domain discovery). Idempotent; returns 0 when something changed that the
# DAS applies only when it starts again (the caller restarts it), 1 when nothing changed.
harden_domain() {
  local domain=$1 port=$2 configs=$3 admin_address=$4 members=$5 xml before commands config p l iface name mode grid output option section
  xml="$(payara_home)/glassfish/domains/$domain/config/domain.xml"
  iface=$(grid_interface)
  before=$(domain_fingerprint "$xml")
  commands=$(mktemp)
  for config in $configs; do
    p="configs.config.$config"
    {
      printf 'set %s' "$p.network-config.network-listeners.network-listener.admin-listener.address=$admin_address"
      # JMX: off (nothing here uses it; asadmin talks to the admin listener), on loopback and authenticated if enabled.
      printf ' %s %s %s' "$p.admin-service.jmx-connector.system.enabled=false" "$p.admin-service.jmx-connector.system.address=127.0.0.1" \
        "$p.admin-service.jmx-connector.system.security-enabled=true"
      # The JMS broker: off (its port would face the network); with it, the recovery of XA transactions at start,
      # which only looks for the broker (the application's one database needs none; server-config has it off).
      printf ' %s %s' "$p.jms-service.type=DISABLED" "$p.transaction-service.automatic-recovery=false"
      for l in orb-listener-1 SSL SSL_MUTUALAUTH; do
        printf ' %s %s' "$p.iiop-service.iiop-listener.$l.enabled=false" "$p.iiop-service.iiop-listener.$l.address=127.0.0.1"
      done
      for l in http-listener-1 http-listener-2 admin-listener; do
        printf ' %s %s' "$p.network-config.protocols.protocol.$l.http.server-header=false" "$p.network-config.protocols.protocol.$l.http.xpowered-by=false"
      done
      echo
    } >> "$commands"
    # Hazelcast binds to every interface unless told not to, whatever its interfaces say; H2's server (Payara's EJB
    # timer database, AUTO_SERVER on a cluster's DAS) to every interface unless given one.
    # (The config's section is read whole first: `awk | grep -q` fails now and then under pipefail, when grep has
    # its match and leaves before awk has written everything, and the option would be created a second time.)
    section=$(awk -v start="<config name=\"$config\">" 'index($0, start) {on = 1} on {print} on && /<\/config>/ {exit}' "$xml")
    for option in -Dhazelcast.socket.bind.any=false -Dh2.bindAddress=127.0.0.1; do
      grep -qF "<jvm-options>$option</jvm-options>" <<<"$section" \
        || echo "create-jvm-options --target $config $option" >> "$commands"
    done
  done
  asadmin_batch "$port" "$commands"
  rm -f "$commands"
  # The data grid, by itself and only when it differs: in multimode, set-hazelcast-configuration "fails" on the
  # mere warning that a stopped instance did not get it (it is applied all the same).
  name=$(grid_cluster_name "$domain") mode=domain
  [ -z "$members" ] || mode=tcpip
  grid=$(grep -o '<hazelcast-runtime-configuration [^>]*>' "$xml" || true)
  grid_attribute() { grep -o " $1=\"[^\"]*\"" <<<"$grid" | cut -d'"' -f2; }
  if [ "$(grid_attribute cluster-group-name)" != "$name" ] || [ "$(grid_attribute interface)" != "$iface" ] \
     || [ "$(grid_attribute das-bind-address)" != "$iface" ] || [ "$(grid_attribute discovery-mode)" != "$mode" ] \
     || { [ -n "$members" ] && [ "$(grid_attribute tcpip-members)" != "$members" ]; }; then
    output=$(asadmin --port "$port" set-hazelcast-configuration --clustername "$name" --interfaces "$iface" --dasbindaddress "$iface" \
      --clustermode "$mode" ${members:+--tcpipmembers "$members"} 2>&1) \
      || die "asadmin on port $port: set-hazelcast-configuration: $output"
  fi
  [ "$(domain_fingerprint "$xml")" != "$before" ]
}

# What domain.xml $1 says, whatever the order of each element's attributes (Payara writes them in another order each
# time it saves the file): its words, sorted.
domain_fingerprint() { sed -e 's#/\{0,1\}>#\n&#g' "$1" | tr -s ' \t' '\n\n' | sort | sha256sum; }

# The single domain $1 (admin port $2), running: the admin password, the network settings and the settings of the
# environment. It starts again (with this environment) when the network settings changed, or when its process holds
# a setting this run does not give (a value given to an earlier run, which would win over the stored ones).
prepare_single_domain() {
  local domain=$1 port=$2
  ensure_admin_password "$port"
  if harden_domain "$domain" "$port" server-config 127.0.0.1 "127.0.0.1:$(( port + 1 ))"; then
    say "Restarting $domain to apply its network settings (admin and data grid on loopback; JMX, IIOP and JMS off)..."
    stop_domain "$domain"
    start_domain "$domain"
  elif server_environment_stale "$domain"; then
    say "Restarting $domain: it runs with settings in its environment that this run does not give (./jointchat settings)..."
    stop_domain "$domain"
    start_domain "$domain"
  fi
  store_settings "$port" "$domain"
}

stop_domain() {
  local file
  domain_exists "$1" || return 0
  asadmin stop-domain "$1" >/dev/null 2>&1 && return 0
  # A domain of an earlier version, whose admin user has no password yet.
  file=$(mktemp); chmod 600 "$file"; echo 'AS_ADMIN_PASSWORD=' > "$file"
  JC_PASSWORDFILE=$file asadmin stop-domain "$1" >/dev/null 2>&1 || true
  rm -f "$file"
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

# The browser tests drive Debian's Chromium through its ChromeDriver; install both when missing. An emoji font
# is installed too when it can be, so that reactions and emoji are drawn as on a phone rather than as empty
# boxes in the screenshots; without it the tests still run.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if can_apt_install; then
      say "Installing Chromium and ChromeDriver for the browser tests (Debian packages)..."
      apt_install chromium chromium-driver \
        || die "Could not install chromium and chromium-driver."
    else
      say "WARNING: /usr/bin/chromium and /usr/bin/chromedriver are missing; the browser tests will fail. Install Debian's chromium and chromium-driver."
      return 0
    fi
  fi
  if ! ls /usr/share/fonts/truetype/noto/NotoColorEmoji*.ttf >/dev/null 2>&1; then
    if can_apt_install && apt_install fonts-noto-color-emoji 2>/dev/null; then
      say "Installed an emoji font (fonts-noto-color-emoji) for the browser tests."
    else
      say "Note: no emoji font (fonts-noto-color-emoji); the browser tests' screenshots show emoji as boxes."
    fi
  fi
}

# The chat page's unit tests (src/test/js, run by PageModulesIT) need Node.js: Debian's nodejs when missing.
ensure_nodejs() {
  command -v node >/dev/null 2>&1 && return 0
  if can_apt_install; then
    say "Installing Node.js for the chat page's unit tests (Debian package nodejs)..."
    apt_install nodejs || die "Could not install nodejs."
  else
    say "WARNING: node is missing; the chat page's unit tests (PageModulesIT) will fail. Install Debian's nodejs."
  fi
}

# ------------------------------------------------------------------------------------------------------------
# A cluster (JOINTCHAT_INSTANCES >= 2; docs/deployment.md, "Cluster"): a domain of its own whose DAS serves no
# application, a deployment group of N instances on the domain's localhost node sharing one config, and our own
# nginx in front. Names come from the domain: jointchat-cluster -> instances jointchat-1..N, deployment group
# jointchat-dg, config jointchat-config.
# Ports come from the balancer's port P (PORTBASE = P-80, as for a single domain): instance i has the portbase
# PORTBASE+100*i (HTTP P+100*i), the DAS PORTBASE+1000 (admin P+968, HTTP P+1000). None of them overlaps the
# single domain's PORTBASE..PORTBASE+99, and instance 10 would take the DAS's: 9 instances at most.
JC_MAX_INSTANCES=9

cluster_prefix()     { echo "${1%-cluster}"; }
cluster_group()      { echo "$(cluster_prefix "$1")-dg"; }
cluster_config()     { echo "$(cluster_prefix "$1")-config"; }
cluster_instance()   { echo "$(cluster_prefix "$1")-$2"; }      # $2: 1..N
cluster_node_dir()   { echo "$(payara_home)/glassfish/nodes/localhost-$1"; }
das_portbase()       { echo $(( $1 - 80 + 1000 )); }           # $1: balancer port
instance_portbase()  { echo $(( $1 - 80 + 100 * $2 )); }       # $1: balancer port, $2: instance number
instance_http_port() { echo $(( $1 + 100 * $2 )); }
# The balancer port the domain was made for (nothing when there is no such domain).
cluster_port()       { cat "$(payara_home)/glassfish/domains/$1/jointchat-cluster-port" 2>/dev/null || true; }
cluster_admin_port() { local p; p=$(cluster_port "$1"); [ -z "$p" ] || echo $(( $(das_portbase "$p") + 48 )); }
instance_log()       { echo "$(cluster_node_dir "$1")/$2/logs/server.log"; }
# The data grid's members on loopback (the DAS and instances 1..$2 of the cluster on balancer port $1, by the
# ports their domain gives them); empty when the grid is on another interface (Payara's domain discovery finds them).
cluster_grid_members() {
  local port=$1 count=$2 i members
  [ "$(grid_interface)" = 127.0.0.1 ] || return 0
  members="127.0.0.1:$(( $(das_portbase "$port") + 49 ))"
  for i in $(seq 1 "$count"); do members+=",127.0.0.1:$(( $(instance_portbase "$port" "$i") + 59 ))"; done
  echo "$members"
}

# The instances the domain has, in number order (read from domain.xml, which the DAS owns).
cluster_instances() {
  local xml prefix
  xml="$(payara_home)/glassfish/domains/$1/config/domain.xml" prefix=$(cluster_prefix "$1")
  [ -f "$xml" ] || return 0
  grep -oE "<server [^>]*name=\"$prefix-[0-9]+\"" "$xml" | grep -oE "$prefix-[0-9]+\"" | tr -d '"' \
    | sed "s/^$prefix-//" | sort -n | sed "s/^/$prefix-/"
}

# The JVM of instance $2 of domain $1, by the pid Payara records for it; fails when it does not run.
instance_pid() {
  local pid
  pid=$(cat "$(cluster_node_dir "$1")/$2/config/pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -- "nodes/localhost-$1/$2" >/dev/null && echo "$pid"
}

cluster_running() {
  local admin name
  admin=$(cluster_admin_port "$1")
  if [ -n "$admin" ] && domain_running "$admin"; then return 0; fi
  balancer_pid "$1" >/dev/null && return 0
  for name in $(cluster_instances "$1"); do instance_pid "$1" "$name" >/dev/null && return 0; done
  return 1
}

# Runs the asadmin commands in file $2 against admin port $1 in one JVM; dies when any of them failed.
asadmin_batch() {
  local port=$1 file=$2 output
  [ -s "$file" ] || return 0
  output=$(asadmin --port "$port" multimode --file "$file" 2>&1) || true
  if [ -n "$(multimode_failures <<<"$output")" ]; then
    die "asadmin on port $port: $output"
  fi
}

# The commands that failed in the output of `asadmin multimode` (stdin), one a line; nothing when all succeeded.
# Its exit status is the last command's only, so each command's own outcome is read. A command whose only trouble
# is that a stopped instance of a cluster did not get it ("seems to be offline; ... not replicated": it gets the
# change when it starts) is reported "failed" by multimode although it was applied: not a failure here.
multimode_failures() {
  awk '
    /^Command .* (executed successfully|completed with warnings)\.$/ { said = ""; offline = 0; next }
    /^Command .* failed\.$/ {
      if (!offline || tolower(said) ~ /remote failure|error|invalid|exception|usage|not found/) print $0 said
      said = ""; offline = 0; next
    }
    /seems to be offline; command .* was not replicated/ { offline = 1; next }
    { said = said " " $0 }
    END { if (tolower(said) ~ /remote failure|exception/) print "(after the last command)" said }
  '
}

# The DAS gets none of JointChat's environment: the instances it starts inherit its environment, and they must
# run on the settings the domain holds (store_settings), whoever starts them. Its open-files limit they inherit.
start_das() {
  local unset=() variable
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  for variable in $(compgen -e | grep '^JOINTCHAT_' || true); do unset+=(-u "$variable"); done
  say "Starting Payara domain $1 (the cluster's DAS)..."
  env "${unset[@]}" bash "$(payara_home)/bin/asadmin" start-domain "$1" >/dev/null \
    || die "start-domain $1 failed; see $(payara_home)/glassfish/domains/$1/logs/server.log"
}

# Brings the running DAS of domain $1 (balancer port $2) to config + deployment group + instances 1..$3, making
# only what is missing, and gives the shared config the heap and HTTP pool start_domain gives a single domain
# (they apply when an instance starts).
configure_cluster() {
  local domain=$1 port=$2 count=$3 admin xml config group prefix name i portbase block current option threads commands
  admin=$(( $(das_portbase "$port") + 48 ))
  xml="$(payara_home)/glassfish/domains/$domain/config/domain.xml"
  config=$(cluster_config "$domain") group=$(cluster_group "$domain") prefix=$(cluster_prefix "$domain")
  commands=$(mktemp)
  grep -q "<config name=\"$config\"" "$xml" || echo "copy-config default-config $config" >> "$commands"
  grep -q "<deployment-group name=\"$group\"" "$xml" || echo "create-deployment-group $group" >> "$commands"
  for i in $(seq 1 "$count"); do
    name=$(cluster_instance "$domain" "$i") portbase=$(instance_portbase "$port" "$i")
    if ! cluster_instances "$domain" | grep -qx "$name"; then
      echo "create-instance --node localhost-$domain --config $config --portbase $portbase --systemproperties HZ_LISTENER_PORT=$(( portbase + 59 )) $name" >> "$commands"
      echo "add-instance-to-deployment-group --instance $name --deploymentgroup $group" >> "$commands"
    fi
  done
  for name in $(cluster_instances "$domain"); do
    [ "${name#"$prefix"-}" -gt "$count" ] || continue
    say "Removing instance $name (JOINTCHAT_INSTANCES=$count)."
    if instance_pid "$domain" "$name" >/dev/null; then echo "stop-instance $name" >> "$commands"; fi
    echo "delete-instance $name" >> "$commands"
  done
  asadmin_batch "$admin" "$commands"
  : > "$commands"
  block=$(awk -v start="<config name=\"$config\">" 'index($0, start) {on = 1} on {print} on && /<\/config>/ {exit}' "$xml")
  current=$(grep -o '<jvm-options>-Xmx[^<]*' <<<"$block" | sed 's/<jvm-options>//' || true)
  if [ "$current" != "-Xmx${JOINTCHAT_HEAP:-1g}" ]; then
    [ -z "$current" ] || echo "delete-jvm-options --target $config $current" >> "$commands"
    echo "create-jvm-options --target $config -Xmx${JOINTCHAT_HEAP:-1g}" >> "$commands"
  fi
  # Extra options the caller wants (test-server.sh). In a multimode file a colon is escaped twice.
  for option in ${JC_INSTANCE_JVM_OPTIONS:-}; do
    grep -qF "<jvm-options>$option</jvm-options>" <<<"$block" || echo "create-jvm-options --target $config ${option//:/\\\\:}" >> "$commands"
  done
  threads=${JOINTCHAT_HTTP_THREADS:-32}
  if ! grep -q "<thread-pool name=\"http-thread-pool\"[^>]*max-thread-pool-size=\"$threads\"" <<<"$block" \
     || ! grep -q '<thread-pool name="http-thread-pool"[^>]*max-queue-size="65536"' <<<"$block"; then
    echo "set configs.config.$config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=$threads configs.config.$config.thread-pools.thread-pool.http-thread-pool.max-queue-size=65536" >> "$commands"
  fi
  asadmin_batch "$admin" "$commands"
  rm -f "$commands"
}

# Starts the cluster of domain $1 (balancer on port $2, $3 instances), creating what is missing and reusing what
# exists; $4 (optional, a run): a WAR to deploy to the deployment group first, and the settings of the environment
# to store in the domain (store_settings, plus jointchat.cluster.enabled=true), where the instances get them;
# without it the instances start on the settings stored by the last run. Returns when the
# application answers through the balancer and on every instance.
start_cluster() {
  local domain=$1 port=$2 count=$3 war=${4:-} admin group i name output stopped=() ports=()
  [[ "$count" =~ ^[0-9]+$ ]] && (( count >= 2 && count <= JC_MAX_INSTANCES )) \
    || die "A cluster has 2 to $JC_MAX_INSTANCES instances (asked for $count)."
  admin=$(( $(das_portbase "$port") + 48 )) group=$(cluster_group "$domain")
  if ! balancer_pid "$domain" >/dev/null && port_open 127.0.0.1 "$port"; then
    die "Port $port is in use by another program: stop it (./jointchat stop, in whichever checkout started it) or choose another JOINTCHAT_PORT."
  fi
  if domain_exists "$domain" && [ "$(cluster_port "$domain")" != "$port" ]; then
    # Only with a WAR to deploy into the new domain (run), as for a single domain.
    [ -n "$war" ] || die "Domain $domain was made for port $(cluster_port "$domain"), not $port: start it with JOINTCHAT_PORT=$(cluster_port "$domain"), or remake it with ./jointchat run."
    say "Port changed to $port: recreating domain $domain (data stays in PostgreSQL)."
    stop_cluster "$domain"
    asadmin delete-domain "$domain" >/dev/null
    rm -rf "$(cluster_node_dir "$domain")"
  fi
  if ! domain_exists "$domain"; then
    create_domain "$domain" "$(das_portbase "$port")"
    echo "$port" > "$(payara_home)/glassfish/domains/$domain/jointchat-cluster-port"
  fi
  # The grid's interface is a setting of the run too: start and restart keep the last run's.
  local interface_file; interface_file="$(payara_home)/glassfish/domains/$domain/jointchat-grid-interface"
  if [ -n "$war" ]; then
    grid_interface > "$interface_file"
  elif [ -z "${JOINTCHAT_GRID_INTERFACE:-}" ] && [ -s "$interface_file" ]; then
    JOINTCHAT_GRID_INTERFACE=$(cat "$interface_file")
  fi
  domain_running "$admin" || start_das "$domain"
  ensure_admin_password "$admin"
  configure_cluster "$domain" "$port" "$count"
  if harden_domain "$domain" "$admin" "server-config $(cluster_config "$domain")" "$(grid_interface)" "$(cluster_grid_members "$port" "$count")"; then
    say "Restarting the DAS to apply its network settings (admin listeners and data grid on $(grid_interface); JMX, IIOP and JMS off)..."
    stop_cluster_instances "$domain"
    stop_domain "$domain"
    start_das "$domain"
  fi
  if [ -n "$war" ]; then
    # A run stores the settings it is given (and deletes those it is not); start and restart keep the last run's.
    export JOINTCHAT_CLUSTER_ENABLED=true
    # nginx, in front of the instances, is the one proxy whose X-Forwarded-For they believe.
    export JOINTCHAT_TRUSTED_PROXIES=${JOINTCHAT_TRUSTED_PROXIES:-127.0.0.1}
    store_settings "$admin" "$domain"
  fi
  for i in $(seq 1 "$count"); do
    name=$(cluster_instance "$domain" "$i")
    ports+=("$(instance_http_port "$port" "$i")")
    instance_pid "$domain" "$name" >/dev/null || stopped+=("$name")
  done
  if [ -n "$war" ]; then
    # Before the instances start, when they are down: they then load it once, at boot.
    say "Deploying $(basename "$war") to deployment group $group..."
    # An instance that fails to load it is only a warning to asadmin (exit status 0); one that is down is no failure.
    output=$(asadmin --port "$admin" deploy --target "$group" --availabilityenabled=true --force=true --contextroot / \
      --name jointchat "$war" 2>&1) && ! grep -qiE 'did not complete|fail' <<<"$output" \
      || die "Deployment to $group failed; see the instances' logs (./jointchat logs): $output"
  fi
  if [ "${#stopped[@]}" = "$count" ]; then
    say "Starting the $count instances of deployment group $group..."
    output=$(asadmin --port "$admin" start-deployment-group "$group" 2>&1) && ! grep -qiE 'did not complete|fail' <<<"$output" \
      || die "start-deployment-group $group failed; see the instances' logs: $output"
  else
    for name in "${stopped[@]}"; do
      say "Starting instance $name..."
      asadmin --port "$admin" start-instance "$name" >/dev/null || die "start-instance $name failed; see $(instance_log "$domain" "$name")"
    done
  fi
  start_balancer "$domain" "$port" "${ports[@]}"
  for i in $(seq 1 "$count"); do
    wait_ok "http://127.0.0.1:${ports[i-1]}/login.xhtml" 300 \
      || die "Instance $(cluster_instance "$domain" "$i") did not answer on port ${ports[i-1]}; see $(instance_log "$domain" "$(cluster_instance "$domain" "$i")")"
  done
  wait_ok "http://127.0.0.1:$port/login.xhtml" 60 || die "The balancer did not answer on port $port; see $(balancer_dir "$domain")/logs/error.log"
}

# Stops what start_cluster started: the instances, the balancer, the DAS. Does nothing when the domain does not run.
stop_cluster() {
  local domain=$1 admin
  stop_cluster_instances "$domain"
  admin=$(cluster_admin_port "$domain")
  stop_balancer "$domain"
  if [ -n "${admin:-}" ] && domain_running "$admin"; then
    say "Stopping Payara domain $domain (the cluster's DAS)..."
    stop_domain "$domain"
  fi
}

# Stops the running instances of domain $1 (through the DAS when it runs; without it, each by itself).
stop_cluster_instances() {
  local domain=$1 admin name running=()
  if domain_exists "$domain"; then
    for name in $(cluster_instances "$domain"); do instance_pid "$domain" "$name" >/dev/null && running+=("$name"); done
    admin=$(cluster_admin_port "$domain")
    if [ "${#running[@]}" -gt 0 ] && [ -n "$admin" ] && domain_running "$admin"; then
      (ensure_admin_password "$admin") || true
      if [ "${#running[@]}" = "$(cluster_instances "$domain" | wc -l)" ]; then
        say "Stopping the instances of deployment group $(cluster_group "$domain")..."
        asadmin --port "$admin" stop-deployment-group "$(cluster_group "$domain")" >/dev/null 2>&1 || true
      else
        # stop-deployment-group waits 10 minutes for an instance that was killed: only the living ones.
        say "Stopping instance(s) ${running[*]}..."
        for name in "${running[@]}"; do asadmin --port "$admin" stop-instance "$name" >/dev/null 2>&1 & done
        wait
      fi
    fi
    for name in "${running[@]}"; do   # left running without their DAS
      instance_pid "$domain" "$name" >/dev/null || continue
      asadmin stop-local-instance --nodedir "$(payara_home)/glassfish/nodes" --node "localhost-$domain" "$name" >/dev/null 2>&1 || true
    done
  fi
}

# --- The balancer: our own nginx process, configuration, pid and logs under .runtime/nginx-DOMAIN/ ---

balancer_dir() { echo "$JC_RUNTIME/nginx-$1"; }

balancer_pid() {
  local pid
  pid=$(cat "$(balancer_dir "$1")/nginx.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -- "$(balancer_dir "$1")" >/dev/null && echo "$pid"
}

# Debian's nginx, installed when missing and we are root (as PostgreSQL and Chromium are).
ensure_nginx() {
  PATH="$PATH:/usr/sbin"
  command -v nginx >/dev/null 2>&1 && return 0
  if can_apt_install; then
    say "Installing nginx (Debian package 'nginx') for the cluster's load balancer..."
    apt_install nginx \
      || die "Could not install nginx (apt-get install nginx), which balances the cluster. Install it, or run one server (JOINTCHAT_INSTANCES=1)."
  else
    die "The cluster's load balancer is nginx, and it is not installed (installing it needs root and apt-get): apt-get install nginx, or run one server (JOINTCHAT_INSTANCES=1)."
  fi
  command -v nginx >/dev/null 2>&1 || die "nginx was installed but is not on the PATH."
}

# Writes the balancer's configuration for domain $1 (listening on port $2, instances' HTTP ports $3...) and
# starts our nginx, or makes the running one reload it.
start_balancer() {
  local domain=$1 port=$2 dir servers="" instance user="" listen ipv6="" files pid
  shift 2
  ensure_nginx
  dir=$(balancer_dir "$domain")
  mkdir -p "$dir/logs" "$dir/temp"
  for instance in "$@"; do
    servers+="        server 127.0.0.1:$instance max_fails=1 fail_timeout=3s;"$'\n'
  done
  # As root, nginx's workers drop to an unprivileged user (the Debian package's).
  if [ "$(id -u)" = 0 ]; then
    if id www-data >/dev/null 2>&1; then user="user www-data www-data;"; else user="user nobody nogroup;"; fi
  fi
  [ -e /proc/net/if_inet6 ] && ipv6="listen [::]:$port reuseport backlog=4096;"
  listen="listen $port reuseport backlog=4096;"
  files=$(ulimit -Hn); [ "$files" = unlimited ] || [ "$files" -gt 20000 ] && files=20000
  cat > "$dir/nginx.conf" <<CONF
# Written by scripts/common.sh (start_balancer) at every cluster start: edits here do not last.
# The load balancer in front of the instances of the Payara domain $domain.
$user
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
# Every proxied socket takes two files (client and instance). Four workers, between which the kernel spreads
# new connections (reuseport), keep each well under the 20,000 files a process may hold here: 19,000 sockets
# are ~4,750 per worker, ~9,500 files.
worker_processes 4;
worker_rlimit_nofile $files;
worker_shutdown_timeout 5s;
events {
    worker_connections 16384;
}
http {
    log_format upstream '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent \$request_time upstream=\$upstream_addr';
    access_log $dir/logs/access.log upstream;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    server_tokens off;

    # Round robin, no stickiness: the instances share the sessions (Payara's data grid).
    upstream jointchat {
$servers        keepalive 32;
        keepalive_timeout 20s;  # under Payara's 30 s, so nginx never reuses a connection the instance closed
    }
    # WebSocket upgrades pass through; other requests keep their upstream connection alive.
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }

    server {
        $listen
        $ipv6
        client_max_body_size 12m;   # uploads of up to 10 MiB (JOINTCHAT_FILES_MAX_SIZE) plus the form
        proxy_http_version 1.1;
        # The application checks a WebSocket's Origin against the Host it was asked for.
        proxy_set_header Host \$http_host;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$connection_upgrade;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Real-IP \$remote_addr;
        # A down instance refuses at once: new requests go to a living one.
        proxy_connect_timeout 2s;
        # An instance that is starting answers 404 until the application is deployed, and 503 while it stops or
        # when it admits no more sockets: the request goes to another instance (never a POST: nginx does not
        # resend those).
        proxy_next_upstream error timeout http_502 http_503 http_404;
        add_header X-JointChat-Upstream \$upstream_addr always;

        location / {
            proxy_pass http://jointchat;
        }
        location = /ws {
            proxy_pass http://jointchat;
            proxy_buffering off;
            # The server pings every socket (JOINTCHAT_WS_PING_INTERVAL); a quiet socket is no reason to cut it.
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }
    }
}
CONF
  nginx -t -q -p "$dir/" -c "$dir/nginx.conf" 2>"$dir/logs/config-test.log" \
    || die "nginx refused the balancer's configuration $dir/nginx.conf: $(cat "$dir/logs/config-test.log")"
  if pid=$(balancer_pid "$domain"); then
    kill -HUP "$pid"
  else
    say "Starting the load balancer (nginx) on port $port..."
    ulimit -n "$files" 2>/dev/null || true
    nginx -p "$dir/" -c "$dir/nginx.conf" || die "nginx did not start; see $dir/logs/error.log"
  fi
}

stop_balancer() {
  local pid
  pid=$(balancer_pid "$1") || return 0
  say "Stopping the load balancer (nginx, pid $pid)..."
  kill -QUIT "$pid" 2>/dev/null || true   # graceful: open sockets get worker_shutdown_timeout
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "WARNING: nginx (pid $pid) did not stop."
}

# ------------------------------------------------------------------------------------------------------------
# Administrators on the machine (./jointchat admin grant|revoke|list; docs/operations.md, "Administration").
# The first administrator cannot come from the administration pages: the operator makes them here, with psql
# against the database the server uses. Which one: JOINTCHAT_DB_URL / _USER / _PASSWORD when set, else what the
# domain stores (jointchat.db.url, jointchat.db.user; the password is the generated one of db.env), else the local
# default (jdbc:postgresql://127.0.0.1:5432/jointchat, role jointchat).

# The stored setting $2 of the first of the domains $1 (space-separated) that holds it.
stored_setting() {
  local domain
  for domain in $1; do
    stored_settings "$domain" | awk -F'\t' -v name="$2" '$1 == name {print $2; found = 1; exit} END {exit !found}' && return 0
  done
  return 1
}

# Sets JC_PSQL_* (host, port, database, user, password) for the database of the domains $1, or dies.
resolve_database() {
  local url user password rest hostport
  url=${JOINTCHAT_DB_URL:-$(stored_setting "$1" jointchat.db.url || echo "jdbc:postgresql://127.0.0.1:5432/jointchat")}
  user=${JOINTCHAT_DB_USER:-$(stored_setting "$1" jointchat.db.user || echo "$JC_DB_ROLE")}
  password=${JOINTCHAT_DB_PASSWORD:-}
  if [ -z "$password" ] && [ -f "$JC_CONFIG_DIR/db.env" ]; then
    password=$(sed -n 's/^JOINTCHAT_DB_PASSWORD=//p' "$JC_CONFIG_DIR/db.env")
  fi
  [[ "$url" == jdbc:postgresql://* ]] || die "The database URL '$url' is not a jdbc:postgresql:// URL."
  rest=${url#jdbc:postgresql://}
  hostport=${rest%%/*}
  JC_PSQL_DATABASE=${rest#*/}
  JC_PSQL_DATABASE=${JC_PSQL_DATABASE%%\?*}
  [ -n "$hostport" ] && [ -n "$JC_PSQL_DATABASE" ] && [[ "$hostport" != *,* ]] \
    || die "Cannot read host and database from the database URL '$url' (expected jdbc:postgresql://HOST[:PORT]/DATABASE)."
  if [[ "$hostport" == \[*\]* ]]; then             # [IPv6]:port
    JC_PSQL_HOST=${hostport%%]*}; JC_PSQL_HOST=${JC_PSQL_HOST#[}
    JC_PSQL_PORT=${hostport##*]}; JC_PSQL_PORT=${JC_PSQL_PORT#:}
  else
    JC_PSQL_HOST=${hostport%%:*}
    JC_PSQL_PORT=$([[ "$hostport" == *:* ]] && echo "${hostport##*:}" || true)
  fi
  JC_PSQL_PORT=${JC_PSQL_PORT:-5432}
  JC_PSQL_USER=$user
  JC_PSQL_PASSWORD=$password
}

# Runs the SQL on stdin against the resolved database (psql variables: the "name=value" arguments); prints the
# rows unaligned ('|' between columns). Dies with psql's own words when it fails.
database_psql() {
  local variables=() output status
  command -v psql >/dev/null 2>&1 || die "psql is not installed (Debian package postgresql-client)."
  for variable in "$@"; do variables+=(-v "$variable"); done
  # The password reaches psql through its environment, never its command line (ps shows that to everyone).
  output=$(PGPASSWORD=$JC_PSQL_PASSWORD PGCONNECT_TIMEOUT=10 psql -X -q -A -t -v ON_ERROR_STOP=1 "${variables[@]}" \
    -h "$JC_PSQL_HOST" -p "$JC_PSQL_PORT" -U "$JC_PSQL_USER" -d "$JC_PSQL_DATABASE" 2>&1) && status=0 || status=$?
  if [ "$status" != 0 ]; then
    if grep -q "database \"$JC_PSQL_DATABASE\" does not exist" <<<"$output"; then
      die "There is no database $JC_PSQL_DATABASE on $JC_PSQL_HOST:$JC_PSQL_PORT: start JointChat once first (./jointchat run), or name the server's database with JOINTCHAT_DB_URL, JOINTCHAT_DB_USER and JOINTCHAT_DB_PASSWORD."
    fi
    if grep -q 'relation "users" does not exist' <<<"$output"; then
      die "Database $JC_PSQL_DATABASE on $JC_PSQL_HOST:$JC_PSQL_PORT has no JointChat tables yet: start JointChat once first (./jointchat run)."
    fi
    die "psql on $JC_PSQL_HOST:$JC_PSQL_PORT/$JC_PSQL_DATABASE as $JC_PSQL_USER failed (set JOINTCHAT_DB_URL, JOINTCHAT_DB_USER and JOINTCHAT_DB_PASSWORD for another database): $output"
  fi
  printf '%s\n' "$output"
}

# ./jointchat admin grant|revoke|list [LOGIN], for the domains $2 (where a stored database setting is looked up).
# Grant and revoke write an audit entry with no actor (the machine), in the same transaction as the change.
admin_command() {
  local action=${1:-} domains=$2 login=${3:-} result found changed others deactivated rows
  case "$action" in
    grant|revoke)
      [ -n "$login" ] || die "usage: ./jointchat admin $action LOGIN"
      login=$(printf '%s' "$login" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')
      [[ "$login" =~ ^[a-z0-9][a-z0-9._-]{2,31}$ ]] || die "'$login' is not a login (3 to 32 letters, digits, dots, dashes or underscores)."
      ;;
    list) ;;
    *) die "usage: ./jointchat admin grant LOGIN | revoke LOGIN | list" ;;
  esac
  resolve_database "$domains"
  case "$action" in
    grant)
      # found | changed | deactivated
      result=$(database_psql "login=$login" <<'SQL'
BEGIN;
WITH target AS (SELECT id, login, is_admin, deactivated_at IS NOT NULL AS deactivated FROM users WHERE login = :'login' FOR UPDATE),
     changed AS (UPDATE users u SET is_admin = true FROM target t WHERE u.id = t.id AND NOT t.is_admin RETURNING u.login),
     logged AS (INSERT INTO audit_log (actor, action, target, details)
                SELECT NULL, 'user.admin.grant', login, 'on the machine (./jointchat admin grant)' FROM changed RETURNING id)
SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM logged), (SELECT count(*) FROM target WHERE deactivated);
COMMIT;
SQL
)
      IFS='|' read -r found changed deactivated <<<"$result"
      [ "$found" = 1 ] || die "There is no user '$login' in database $JC_PSQL_DATABASE (on $JC_PSQL_HOST:$JC_PSQL_PORT). They register first, then you grant."
      if [ "$changed" = 1 ]; then echo "$login is an administrator now (recorded in the audit log)."; else echo "$login was an administrator already; nothing changed."; fi
      if [ "$deactivated" = 1 ]; then
        echo "Note: the account of $login is deactivated, so the role has no effect until an administrator reactivates it."
      fi
      ;;
    revoke)
      # found | changed | active administrators left
      result=$(database_psql "login=$login" <<'SQL'
BEGIN;
-- The active administrators' rows first, in id order, as the server's own revocation locks them.
SELECT count(*) FROM (SELECT id FROM users WHERE is_admin AND deactivated_at IS NULL ORDER BY id FOR UPDATE) locked \g /dev/null
WITH target AS (SELECT id, login, is_admin FROM users WHERE login = :'login' FOR UPDATE),
     changed AS (UPDATE users u SET is_admin = false FROM target t WHERE u.id = t.id AND t.is_admin RETURNING u.login),
     logged AS (INSERT INTO audit_log (actor, action, target, details)
                SELECT NULL, 'user.admin.revoke', login, 'on the machine (./jointchat admin revoke)' FROM changed RETURNING id)
SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM logged),
       (SELECT count(*) FROM users WHERE is_admin AND deactivated_at IS NULL AND login <> :'login');
COMMIT;
SQL
)
      IFS='|' read -r found changed others <<<"$result"
      [ "$found" = 1 ] || die "There is no user '$login' in database $JC_PSQL_DATABASE (on $JC_PSQL_HOST:$JC_PSQL_PORT)."
      if [ "$changed" = 1 ]; then echo "$login is no longer an administrator (recorded in the audit log)."; else echo "$login was not an administrator; nothing changed."; fi
      if [ "$others" = 0 ]; then
        echo "Warning: there is no active administrator now; nobody can use the administration pages until you grant the role again (./jointchat admin grant LOGIN)."
      fi
      ;;
    list)
      rows=$(database_psql <<'SQL'
SELECT login, CASE WHEN deactivated_at IS NULL THEN 'active' ELSE 'deactivated' END, display_name
  FROM users WHERE is_admin ORDER BY login;
SQL
)
      if [ -z "$rows" ]; then
        echo "No administrators in database $JC_PSQL_DATABASE yet. Make the first: ./jointchat admin grant LOGIN"
      else
        printf '%-32s %-12s %s\n' LOGIN STATE NAME
        while IFS='|' read -r login state name; do printf '%-32s %-12s %s\n' "$login" "$state" "$name"; done <<<"$rows"
      fi
      ;;
  esac
}
