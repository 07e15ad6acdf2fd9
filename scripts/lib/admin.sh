# Sourced by scripts/common.sh, not run.

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
