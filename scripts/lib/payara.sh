# Payara domains: where Payara is unpacked, asadmin, creating, starting and stopping a single domain.
# Sourced by scripts/common.sh, not run.

payara_home() {
  local version
  version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$JC_ROOT/pom.xml" | head -n1)
  echo "$JC_RUNTIME/payara-$version/payara6"
}

# Every asadmin call authenticates as the admin user (JC_PASSWORDFILE: another password file, for commands
# that need more passwords than the admin's in it).
asadmin() {
  local home; home=$(payara_home)
  [ -f "$home/bin/asadmin" ] || die "Payara is not unpacked in $home (the Maven build unpacks it: ./mvnw package)."
  bash "$home/bin/asadmin" --user "$JC_ADMIN_USER" --passwordfile "${JC_PASSWORDFILE:-$(admin_password_file)}" "$@"
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
  (for secret in $JC_SECRETS; do unset "$(setting_variable "$secret")"; done; asadmin start-domain "$1" >/dev/null) \
    || die "start-domain $1 failed; see $(payara_home)/glassfish/domains/$1/logs/server.log"
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
