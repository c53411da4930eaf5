#!/bin/sh
# The image's entrypoint, in the LinuxServer.io convention (docs/docker.md):
#  - PUID/PGID: started as root, it makes user `abc` and group `abc` have these ids (or uses the user or group that
#    already has them) and runs the service as that user, so files in the library belong to the host user;
#    started with `docker run --user`, it changes no user and runs the service as that user;
#  - UMASK (default 002) for every file the service writes; TZ (a zone of /usr/share/zoneinfo) for the JVM and logs;
#  - every configured folder that does not exist is created and given to PUID:PGID; a folder that exists (a mount)
#    is never chowned, only checked: one the user cannot read and write is named, and nothing starts;
#  - then it execs the service (setpriv, no shell left in between), so `docker stop`'s SIGTERM reaches the JVM.
# Exit code 2 (as the service's for a refused configuration): a problem line for each wrong setting or unusable
# folder. AUTO_M4B_COMMAND replaces the service's launcher (the tests of this script use it).
set -eu

command="${AUTO_M4B_COMMAND:-/app/bin/auto-m4b}"
javacpp_cache="${AUTO_M4B_JAVACPP_CACHE:-/opt/javacpp}"
user_name=abc
problems=0

problem() {
  echo "problem: $*" >&2
  problems=$((problems + 1))
}

is_number() {
  case "$1" in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac
}

# --- settings of the entrypoint ---
umask_value="${UMASK:-002}"
case "$umask_value" in
  [0-7][0-7][0-7] | [0-7][0-7][0-7][0-7]) umask "$umask_value" ;;
  *) problem "UMASK=$umask_value is not an octal file mode mask such as 002 or 022" ;;
esac
if [ -n "${TZ:-}" ] && [ -d /usr/share/zoneinfo ] && [ ! -f "/usr/share/zoneinfo/$TZ" ]; then
  problem "TZ=$TZ is not a time zone (a name under /usr/share/zoneinfo such as Europe/Berlin or Etc/UTC)"
fi
[ -n "${TZ:-}" ] && export TZ

as_root=false
if [ "$(id -u)" = 0 ]; then
  as_root=true
  PUID="${PUID:-1000}"
  PGID="${PGID:-1000}"
  is_number "$PUID" || problem "PUID=$PUID is not a user id (a number such as 1000; \`id -u\` on the host)"
  is_number "$PGID" || problem "PGID=$PGID is not a group id (a number such as 1000; \`id -g\` on the host)"
fi
if [ "$problems" -gt 0 ]; then exit 2; fi

# --- the service's user: PUID/PGID get a user and a group (abc, or whichever already has the id) ---
if $as_root && [ "$PUID" != 0 ]; then
  if ! getent group "$PGID" >/dev/null; then
    if getent group "$user_name" >/dev/null; then groupmod -o -g "$PGID" "$user_name"; else groupadd -o -g "$PGID" "$user_name"; fi
  fi
  if ! getent passwd "$PUID" >/dev/null; then
    if getent passwd "$user_name" >/dev/null; then
      usermod -o -u "$PUID" -g "$PGID" "$user_name"
    else
      # the home is no data folder: the service keeps nothing there
      useradd -o -u "$PUID" -g "$PGID" -M -d /nonexistent -s /usr/sbin/nologin "$user_name"
    fi
  fi
fi

# runs "$@" as the service's user
as_service_user() {
  if $as_root && [ "$PUID" != 0 ]; then
    setpriv --reuid="$PUID" --regid="$PGID" --init-groups "$@"
  else
    "$@"
  fi
}

who="uid $(id -u) gid $(id -g)"
$as_root && who="uid $PUID gid $PGID (PUID/PGID)"

# creates the missing part of folder $2 (named by setting $1), each new folder owned by PUID:PGID when run as root
create_folder() {
  missing=""
  path="$2"
  while [ -n "$path" ] && [ ! -e "$path" ] && [ ! -L "$path" ]; do
    missing="$path
$missing"
    parent=$(dirname -- "$path")
    [ "$parent" = "$path" ] && break
    path="$parent"
  done
  # the folders from the outermost in; IFS splits on new lines only, so names with spaces stay whole
  old_ifs="$IFS"
  IFS='
'
  for folder in $missing; do
    if ! mkdir -- "$folder" 2>/dev/null && [ ! -d "$folder" ]; then
      problem "$1=$2: cannot create $folder as $(id -un 2>/dev/null || id -u); create it on the host or mount a folder there"
      IFS="$old_ifs"
      return 0
    fi
    if $as_root; then chown "$PUID:$PGID" "$folder"; fi
  done
  IFS="$old_ifs"
}

# the folder a setting names; --<setting>=<path> on the command line wins over the environment, as in the service
folder_value() {
  setting="$1"
  shift
  value=$(printenv "$setting" || true)
  option="--$(echo "$setting" | tr 'A-Z_' 'a-z-')="
  for argument in "$@"; do
    case "$argument" in "$option"*) value="${argument#"$option"}" ;; esac
  done
  printf '%s' "$value"
}

for setting in INBOX_FOLDER CONVERTED_FOLDER ARCHIVE_FOLDER BACKUP_FOLDER FAILED_FOLDER WORKING_FOLDER CONFIG_FOLDER; do
  folder=$(folder_value "$setting" "$@")
  [ -n "$folder" ] || continue
  if [ ! -e "$folder" ]; then create_folder "$setting" "$folder"; fi
  if [ ! -d "$folder" ]; then
    [ -e "$folder" ] && problem "$setting=$folder is not a folder"
    continue
  fi
  # existing folders (mounts) are only checked, never chowned: a library of 10,000 files would take minutes
  # shellcheck disable=SC2016 # $1 is expanded by that shell: the folder is an argument, never part of the script
  if ! as_service_user sh -c 'test -r "$1" && test -w "$1" && test -x "$1"' check "$folder"; then
    owner=$(stat -c '%u:%g, mode %a' -- "$folder")
    problem "$setting=$folder cannot be read and written by $who (owner $owner); give the folder to that user on the host (chown/chmod), or set PUID/PGID to its owner"
  fi
done
if [ "$problems" -gt 0 ]; then exit 2; fi

# the bundled ffmpeg was extracted into this read-only cache when the image was built (Dockerfile)
if [ -d "$javacpp_cache" ]; then
  JAVA_OPTS="-Dorg.bytedeco.javacpp.cachedir=$javacpp_cache${JAVA_OPTS:+ $JAVA_OPTS}"
  export JAVA_OPTS
fi

if $as_root && [ "$PUID" != 0 ]; then
  exec setpriv --reuid="$PUID" --regid="$PGID" --init-groups "$command" "$@"
fi
exec "$command" "$@"
