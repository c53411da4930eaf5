#!/usr/bin/env bash
# Tests the image as a user runs it (issue #12; docs/docker.md):
#  1. builds the image from the Dockerfile unchanged (buildx when present, else the legacy builder);
#  2. arm64: builds the Dockerfile's build stage for linux-arm64 and checks its target/lib carries the arm64 natives
#     of ffmpeg and JavaCPP and no x86_64 ones (the Maven property the Dockerfile derives from TARGETARCH);
#  3. runs the image with one host folder at /data and PUID=1234 PGID=1234, drops a generated two-file book into
#     /data/inbox and checks: the m4b has two chapters, the originals are archived under /data, the container turns
#     healthy, `docker stop` ends it with 0 or 143 in under 10 s, every file under the host folder belongs to
#     1234:1234, and the log has no WARN or ERROR line;
#  4. ENCODER=ffmpeg converts a book in the image (--once);
#  5. bare base: the jar's default path converts a book in a container with Debian's JRE only, where libpulse0 and
#     libxcb-shm0 are absent (the Dockerfile's `bare` target).
# The audio is generated with the ffmpeg inside the built image (lavfi sources, tags); no binary fixtures.
# Prints SKIPPED and exits 0 when no Docker engine answers. Removes its containers and image tags at exit (the
# build cache stays, so the next run is quick; `docker image prune` removes it).
# usage: docker/test-image.sh        exit 0: all passed (or skipped); 1: a check failed; 2: the image did not build
set -euo pipefail
cd "$(dirname "$0")/.."

if ! info=$(docker info 2>&1); then
  echo "SKIPPED: no Docker engine (docker info: $(grep -m1 -i -E 'error|cannot|permission' <<<"$info" || echo 'no answer'))"
  exit 0
fi

run_id="$$-$(date +%s)"
image="auto-m4b-test:$run_id"
work=$(mktemp -d -t auto-m4b-image-test.XXXX)
chmod 755 "$work"
containers=()
images=()
results=()
failures=0
started=$(date +%s)

cleanup() {
  local status=$?
  for container in "${containers[@]}"; do docker rm -f "$container" >/dev/null 2>&1 || true; done
  # the files belong to 1234: remove them from a container, so this works for a non-root caller too
  if ((${#images[@]})); then
    docker run --rm -v "$work:/work" --entrypoint sh "${images[0]}" -c 'rm -rf /work/* /work/.[!.]*' >/dev/null 2>&1 || true
  fi
  rm -rf "$work" 2>/dev/null || true
  for made in "${images[@]}"; do docker rmi --no-prune "$made" >/dev/null 2>&1 || true; done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { results+=("PASS  $1"); echo "PASS: $1"; }
fail() { results+=("FAIL  $1"); echo "FAIL: $1" >&2; failures=$((failures + 1)); }
# check <description> <command...>: a check that passes when the command succeeds
check() { local what="$1"; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# wait_for <description> <seconds> <command...>: polls the command every second until it succeeds or time runs out
wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$(($(date +%s) + seconds))
  echo "waiting up to ${seconds}s for $what"
  until "$@"; do
    if (($(date +%s) >= deadline)); then echo "gave up waiting for $what" >&2; return 1; fi
    sleep 1
  done
}

summary() {
  echo
  echo "=== docker/test-image.sh: $(($(date +%s) - started)) s ==="
  printf '%s\n' "${results[@]}"
  if ((failures)); then echo "$failures check(s) FAILED"; else echo "all checks passed"; fi
}

# --- 1. the image ---
if docker buildx version >/dev/null 2>&1; then
  build=(docker buildx build --load)
  builder="buildx"
  # BuildKit sets TARGETARCH from --platform (which would run the build stage under emulation): name the platform
  arm64_arg=(--build-arg JAVACPP_PLATFORM=linux-arm64)
else
  export DOCKER_BUILDKIT=0
  build=(docker build --force-rm)
  builder="the legacy builder (no buildx plugin)"
  # the legacy builder sets no TARGETARCH: given as BuildKit would, it takes the Dockerfile's own arch mapping
  arm64_arg=(--build-arg TARGETARCH=arm64)
fi
echo "building the image with $builder"
build_started=$(date +%s)
if ! "${build[@]}" -q -t "$image" . >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log" >&2
  echo "FAIL: the image does not build from the Dockerfile" >&2
  exit 2
fi
images+=("$image")
pass "the image builds from the Dockerfile unchanged ($(($(date +%s) - build_started)) s)"

# in_image <docker run options...> -- <command...>: runs a command in the image as 1234:1234 with $work at /work
in_image() {
  local options=()
  while [[ "$1" != "--" ]]; do options+=("$1"); shift; done
  shift
  docker run --rm --user 1234:1234 -v "$work:/work" "${options[@]}" --entrypoint "$1" "$image" "${@:2}"
}

# make_book <folder under $work>: a two-file mp3 book made by the bundled ffmpeg, with title tags per file
make_book() {
  # shellcheck disable=SC2016 # expanded by the container's shell; the folder is an argument
  in_image -- sh -c '
    set -eu
    natives=$(dirname "$(find /opt/javacpp -type f -name ffmpeg)")
    mkdir -p "$1"
    n=1
    for title in "Chapter One" "Chapter Two"; do
      LD_LIBRARY_PATH="$natives" "$natives/ffmpeg" -v error -f lavfi -i "sine=frequency=$((300 + n * 100)):duration=4" \
        -ac 1 -c:a libmp3lame -b:a 64k -metadata title="$title" -metadata album="Docker Test Book" \
        -metadata artist="Test Author" -metadata track="$n" "$1/0$n.mp3"
      n=$((n + 1))
    done' sh "/work/$1"
}

# chapters <m4b under $work>: the chapter titles, one a line
chapters() {
  # shellcheck disable=SC2016
  in_image -- sh -c '
    natives=$(dirname "$(find /opt/javacpp -type f -name ffprobe)")
    LD_LIBRARY_PATH="$natives" "$natives/ffprobe" -v error -show_entries chapter_tags=title -of csv=p=0 "$1"' \
    sh "/work/$1"
}

# --- 2. arm64 natives ---
echo "building the build stage for linux-arm64 (the dependency layer is shared with the image's build)"
if "${build[@]}" -q --target build "${arm64_arg[@]}" -t "$image-arm64-build" . \
    >"$work/build-arm64.log" 2>&1; then
  images+=("$image-arm64-build")
  libs=$(docker run --rm "$image-arm64-build" ls /src/target/lib)
  # shellcheck disable=SC2016 # expanded by that bash: the list is an argument
  check "an arm64 build's jar carries ffmpeg's and JavaCPP's linux-arm64 natives and no x86_64 ones" \
    bash -c 'grep -q "^ffmpeg-.*-linux-arm64\.jar$" <<<"$1" && grep -q "^javacpp-.*-linux-arm64\.jar$" <<<"$1" \
      && ! grep -q "x86_64" <<<"$1"' check "$libs"
else
  tail -20 "$work/build-arm64.log" >&2
  fail "the build stage builds for linux-arm64"
fi

# --- 3. the image as a user runs it: one host folder at /data, PUID=1234 PGID=1234 ---
docker run --rm -v "$work:/work" --entrypoint sh "$image" -c 'mkdir /work/data /work/books && chown 1234:1234 /work/data /work/books'
make_book "books/Docker Test Book"
container="auto-m4b-test-$run_id"
containers+=("$container")
docker run -d --name "$container" -e PUID=1234 -e PGID=1234 -e TZ=Europe/Berlin -e SLEEP_TIME=2 -e WAIT_TIME=1 -e AUDIBLE_ENABLED=N \
  -v "$work/data:/data" "$image" >/dev/null
running() { [[ "$(docker inspect -f '{{.State.Running}}' "$container")" == true ]]; }
inbox_ready() { [[ -d "$work/data/inbox" ]] || ! running; }
wait_for "the inbox the entrypoint creates" 60 inbox_ready || true
if ! running; then
  docker logs "$container" 2>&1 | tail -20 >&2
  fail "the container runs (it exited with $(docker inspect -f '{{.State.ExitCode}}' "$container"))"
else
  in_image -- mv "/work/books/Docker Test Book" /work/data/inbox/
  converted() { [[ -n "$(find "$work/data/converted" -name '*.m4b' 2>/dev/null)" ]]; }
  archived() { [[ -n "$(find "$work/data/archive" -name '02.mp3' 2>/dev/null)" ]] && [[ ! -e "$work/data/inbox/Docker Test Book" ]]; }
  if wait_for "the book converted into /data/converted" 300 converted; then
    m4b=$(find "$work/data/converted" -name '*.m4b' | head -n 1)
    titles=$(chapters "${m4b#"$work/"}" || true)
    check "the m4b has the two chapters (got: $(paste -sd '|' <<<"$titles"))" \
      test "$titles" = "$(printf 'Chapter One\nChapter Two')"
  else
    fail "the book is converted into /data/converted"
  fi
  check "the originals are archived under /data/archive" wait_for "the originals archived" 120 archived
  healthy() { [[ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$container")" == healthy ]]; }
  check "the container turns healthy" wait_for "the container's health to be 'healthy'" 120 healthy
  stop_started=$(date +%s%N)
  timeout 60 docker stop "$container" >/dev/null || true
  stop_ms=$((($(date +%s%N) - stop_started) / 1000000))
  exit_code=$(docker inspect -f '{{.State.ExitCode}}' "$container")
  check "docker stop ends the service with 0 or 143 in under 10 s (exit $exit_code after ${stop_ms} ms)" \
    test "$stop_ms" -lt 10000 -a \( "$exit_code" = 0 -o "$exit_code" = 143 \)
  strangers=$(find "$work/data" \( ! -uid 1234 -o ! -gid 1234 \) -printf '%u:%g %p\n')
  check "every file under the host folder belongs to 1234:1234${strangers:+ (not: $(head -n 5 <<<"$strangers" | tr '\n' ';'))}" \
    test -z "$strangers"
  docker logs "$container" >"$work/service.log" 2>&1
  bad=$(grep -E '\b(WARN|ERROR)\b' "$work/service.log" || true)
  check "the log has no WARN or ERROR line${bad:+ (first: $(head -n 1 <<<"$bad"))}" test -z "$bad"
fi

# a --once run that printed to $2's log: its book in $1/converted has the two chapters, or the log's end is shown
check_once_run() {
  local folder="$1" log="$2" what="$3" ran="$4" m4b titles
  if [[ "$ran" == 0 ]]; then
    m4b=$(find "$work/$folder/converted" -name '*.m4b' | head -n 1)
    titles=$(if [[ -n "$m4b" ]]; then chapters "${m4b#"$work/"}"; fi || true)
    check "$what (chapters: $(paste -sd '|' <<<"$titles"))" test "$titles" = "$(printf 'Chapter One\nChapter Two')"
  else
    grep -v '^\s*at ' "$log" | tail -5 >&2
    fail "$what (--once failed)"
  fi
}

# --- ENCODER=ffmpeg: the bundled ffmpeg executable runs in the image (the libraries it links are installed) ---
docker run --rm -v "$work:/work" --entrypoint sh "$image" -c 'mkdir /work/ffmpeg && chown 1234:1234 /work/ffmpeg'
make_book "ffmpeg/inbox/Ffmpeg Book"
ran=0
docker run --rm -e PUID=1234 -e PGID=1234 -e ENCODER=ffmpeg -e WAIT_TIME=1 -e AUDIBLE_ENABLED=N -v "$work/ffmpeg:/data" "$image" --once \
  >"$work/ffmpeg.log" 2>&1 || ran=$?
check_once_run ffmpeg "$work/ffmpeg.log" "ENCODER=ffmpeg converts a book in the image" "$ran"

# --- 4. the default path on Debian's JRE alone ---
echo "building the bare target (Debian's JRE and the jar only)"
if "${build[@]}" -q --target bare -t "$image-bare" . >"$work/build-bare.log" 2>&1; then
  images+=("$image-bare")
  check "the bare base lacks libpulse0 and libxcb-shm0" docker run --rm --entrypoint sh "$image-bare" -c \
    '! ldconfig -p | grep -q -E "libpulse\.so\.0|libxcb-shm\.so\.0" && ! dpkg -s libpulse0 >/dev/null 2>&1 && ! dpkg -s libxcb-shm0 >/dev/null 2>&1'
  docker run --rm -v "$work:/work" --entrypoint sh "$image" -c 'mkdir /work/bare && chown 1234:1234 /work/bare'
  make_book "bare/inbox/Bare Book"
  ran=0
  docker run --rm --user 1234:1234 -v "$work/bare:/data" -e WAIT_TIME=1 -e AUDIBLE_ENABLED=N -e HOME=/tmp "$image-bare" --once \
    --inbox-folder=/data/inbox --converted-folder=/data/converted --archive-folder=/data/archive \
    --failed-folder=/data/failed --working-folder=/data/working --config-folder=/data/config \
    >"$work/bare.log" 2>&1 || ran=$?
  check_once_run bare "$work/bare.log" "the jar's default path converts a two-file book on Debian's JRE alone" "$ran"
else
  tail -20 "$work/build-bare.log" >&2
  fail "the bare target builds"
fi

summary
((failures == 0))
