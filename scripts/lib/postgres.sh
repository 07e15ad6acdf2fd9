# PostgreSQL: the local server, the role and the databases.
# Sourced by scripts/common.sh, not run.

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
