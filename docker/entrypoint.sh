#!/bin/sh
# Runs the service as PUID:PGID (like linuxserver.io images) so files in the library belong to the user.
set -eu
PUID="${PUID:-1000}"
PGID="${PGID:-1000}"
for dir in "$INBOX_FOLDER" "$CONVERTED_FOLDER" "$ARCHIVE_FOLDER" "$FAILED_FOLDER" "$WORKING_FOLDER" "$CONFIG_FOLDER"; do
  mkdir -p "$dir"
done
chown "$PUID:$PGID" "$WORKING_FOLDER" "$CONFIG_FOLDER"
cd /app
exec setpriv --reuid="$PUID" --regid="$PGID" --clear-groups /app/bin/auto-m4b "$@"
