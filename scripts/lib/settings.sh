# Sourced by scripts/common.sh, not run.

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
  jointchat.missed-mail.delay
  jointchat.missed-mail.poll
  jointchat.public-url
  jointchat.smtp.host
  jointchat.smtp.port
  jointchat.smtp.security
  jointchat.smtp.user
"
# Secrets: kept as password aliases of the domain (Payara's "password" config source serves each under its own
# name), never as plain properties, and never printed. Variable = JOINTCHAT_ form of the alias.
JC_SECRETS="jointchat.db.password jointchat.cluster.secret jointchat.oidc.client-secret jointchat.smtp.password jointchat.two-factor.key"

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
  # Single sign-on (issue 23, item 2): the OpenID Connect client secret, when given, as a password alias of its own.
  if [ -n "${JOINTCHAT_OIDC_CLIENT_SECRET:-}" ]; then
    printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_ALIASPASSWORD=%s\n' "$(admin_password)" "$JOINTCHAT_OIDC_CLIENT_SECRET" > "$secret"
    if grep -qx 'jointchat.oidc.client-secret' <<<"$aliases"; then verb=update-password-alias; else verb=create-password-alias; fi
    output=$(JC_PASSWORDFILE=$secret asadmin --port "$port" "$verb" jointchat.oidc.client-secret 2>&1) \
      || die "Could not store the OpenID Connect client secret as a password alias (admin port $port): $output"
  fi
  # The database password, with the other settings (the batch's password file holds the admin's and the alias's).
  printf 'AS_ADMIN_PASSWORD=%s\n' "$(admin_password)" > "$secret"
  if [ -n "${JOINTCHAT_DB_PASSWORD:-}" ]; then
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$JOINTCHAT_DB_PASSWORD" >> "$secret"
    if grep -qx 'jointchat.db.password' <<<"$aliases"; then verb=update-password-alias; else verb=create-password-alias; fi
    echo "$verb jointchat.db.password" >> "$commands"
  fi
  # Issue 23, mail: the SMTP password, as the alias jointchat.smtp.password (a batch holds one alias password, so its
  # own call). Never deleted by a run without it: an operator may have made the alias by hand.
  if [ -n "${JOINTCHAT_SMTP_PASSWORD:-}" ]; then
    printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_ALIASPASSWORD=%s\n' "$(admin_password)" "$JOINTCHAT_SMTP_PASSWORD" > "$secret"
    if grep -qx 'jointchat.smtp.password' <<<"$aliases"; then verb=update-password-alias; else verb=create-password-alias; fi
    output=$(JC_PASSWORDFILE=$secret asadmin --port "$port" "$verb" jointchat.smtp.password 2>&1) \
      || die "Could not store the SMTP password as a password alias (admin port $port): $output"
    printf 'AS_ADMIN_PASSWORD=%s\n' "$(admin_password)" > "$secret"
    [ -z "${JOINTCHAT_DB_PASSWORD:-}" ] || printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$JOINTCHAT_DB_PASSWORD" >> "$secret"
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
