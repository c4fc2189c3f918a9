#!/bin/sh
# A PostgreSQL backup of Marquee: one pg_dump in custom format (compressed, restorable table by table),
# written under a temporary name and renamed once complete, then backups older than KEEP_DAYS removed.
#   DATABASE_URL=postgresql://marquee:…@127.0.0.1:5432/marquee BACKUP_DIR=/var/backups/marquee ./backup-postgres.sh
# With compose:  docker compose -f deploy/compose.yaml exec -T postgres pg_dump -U marquee -Fc marquee > marquee.dump
# Restore (into an empty database, with the API and worker stopped):
#   pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" marquee-<stamp>.dump
set -eu
: "${DATABASE_URL:?set DATABASE_URL}"
BACKUP_DIR=${BACKUP_DIR:-/var/backups/marquee}
KEEP_DAYS=${KEEP_DAYS:-14}
mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$BACKUP_DIR/marquee-$stamp.dump"
pg_dump --format=custom --no-owner --file="$file.partial" "$DATABASE_URL"
mv "$file.partial" "$file"
find "$BACKUP_DIR" -name 'marquee-*.dump' -type f -mtime +"$KEEP_DAYS" -delete
echo "$file"
