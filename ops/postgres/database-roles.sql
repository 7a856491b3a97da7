-- The services' login roles (README, "Security", database roles): run by whoever provisions the
-- database, as a role with CREATEROLE, before the services start and again whenever a password
-- changes; running it twice changes nothing else. The migrations, which run as the owner of the
-- tables, grant the group roles what each service may do; a login role gets it by membership.
--
--   LEDGER_COMMAND_DB_USER=ledger_command_app LEDGER_COMMAND_DB_PASSWORD=... \
--   LEDGER_QUERY_DB_USER=ledger_query_app LEDGER_QUERY_DB_PASSWORD=... \
--     psql -v ON_ERROR_STOP=1 -d mentoring -f ops/postgres/database-roles.sql
--
-- The passwords are read from the environment (psql's \getenv), never from a command line.
\getenv command_user LEDGER_COMMAND_DB_USER
\getenv command_password LEDGER_COMMAND_DB_PASSWORD
\getenv query_user LEDGER_QUERY_DB_USER
\getenv query_password LEDGER_QUERY_DB_PASSWORD

-- The group roles, which cannot sign in (the event store's migration V4 also makes them when missing).
SELECT 'CREATE ROLE ledger_command NOLOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_command')
\gexec
SELECT 'CREATE ROLE ledger_query NOLOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_query')
\gexec

-- Each service's login role: a member of its group and nothing more (no superuser, no CREATEDB,
-- no CREATEROLE, which are off by default).
SELECT format('CREATE ROLE %I LOGIN', :'command_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'command_user')
\gexec
SELECT format('CREATE ROLE %I LOGIN', :'query_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'query_user')
\gexec
ALTER ROLE :"command_user" PASSWORD :'command_password';
ALTER ROLE :"query_user" PASSWORD :'query_password';
GRANT ledger_command TO :"command_user";
GRANT ledger_query TO :"query_user";
