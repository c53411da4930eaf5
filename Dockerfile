# auto-m4b's image (docs/docker.md). Build: docker build -t auto-m4b .    Run: docker compose up -d
# Builds with BuildKit/buildx (docker buildx build --platform linux/amd64,linux/arm64 .) and with the legacy builder
# (DOCKER_BUILDKIT=0 docker build .; the architecture is then the base image's). Every stage starts from Debian's
# bookworm-slim, which ../shared/docker/make-base-image.sh can make from Debian's packages where no registry answers.

# --- build: the jar and its runtime jars (target/lib), natives for the target architecture ---
FROM debian:bookworm-slim AS build
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends maven openjdk-17-jdk-headless \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .
# the dependencies in a layer of their own, shared by every architecture: a code change downloads nothing again
RUN mvn -B -q dependency:go-offline
# JavaCPP's natives follow the target architecture: BuildKit sets TARGETARCH per platform; the legacy builder does
# not, and dpkg then names the base image's. JAVACPP_PLATFORM overrides both (docker/test-image.sh's arm64 check).
ARG TARGETARCH
ARG JAVACPP_PLATFORM
RUN platform="${JAVACPP_PLATFORM:-}"; \
    if [ -z "$platform" ]; then \
      arch="${TARGETARCH:-$(dpkg --print-architecture)}"; \
      case "$arch" in \
        amd64) platform=linux-x86_64 ;; \
        arm64) platform=linux-arm64 ;; \
        *) echo "unsupported architecture: $arch (the image is built for amd64 and arm64)" >&2; exit 1 ;; \
      esac; \
    fi; \
    echo "$platform" > javacpp.platform \
    && mvn -B -q -Djavacpp.platform="$platform" dependency:resolve
COPY src/main src/main
COPY routes routes
COPY application.properties .
COPY docker/ExtractNatives.java docker/
RUN mvn -B -q -Djavacpp.platform="$(cat javacpp.platform)" -Dmaven.test.skip=true package \
    && javac -d target/extract -cp 'target/lib/*' docker/ExtractNatives.java

# --- jre: Debian's JRE, nothing else ---
FROM debian:bookworm-slim AS jre
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*

# --- bare: the service on Debian's JRE alone (no libpulse0, no libxcb-shm0). Not the image: docker/test-image.sh
# converts a book here with the default settings (docker build --target bare), as a fresh machine would.
FROM jre AS bare
COPY --from=build /src/target/auto-m4b.jar /app/auto-m4b.jar
COPY --from=build /src/target/lib /app/lib
COPY routes /app/routes
COPY application.properties /app/application.properties
WORKDIR /app
ENTRYPOINT ["java", "-jar", "/app/auto-m4b.jar"]

# --- the image ---
FROM jre
# curl: the HEALTHCHECK; tzdata: TZ. The rest is what the bundled ffmpeg EXECUTABLE (ENCODER=ffmpeg) and
# libavdevice link beyond the JRE, as ldd names them; the step below fails the build if ldd finds any still missing.
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends curl tzdata \
       libasound2 libpulse0 libxcb1 libxcb-shm0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/auto-m4b.jar /app/auto-m4b.jar
COPY --from=build /src/target/lib /app/lib
COPY --from=build /src/target/extract /tmp/extract
COPY routes /app/routes
COPY application.properties /app/application.properties
COPY bin/auto-m4b /app/bin/auto-m4b
COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh
# 1. the bundled ffmpeg extracted once into a cache the service only reads (JavaCPP's cachedir, which the entrypoint
#    passes to the JVM), with the sonames of libva the service would otherwise link there at run time. Everything in
#    it is root's and read-only; only the folder itself is writable like /tmp (sticky: nobody can change or remove
#    what is in it), because JavaCPP passes over a cache folder it cannot write;
# 2. every extracted library and executable resolves all its libraries (ldd), else the build fails;
# 3. an unprivileged user loads everything and runs ffmpeg from that cache, and the cache is unchanged after;
# 4. the class-data-sharing archive (/app/auto-m4b.jsa) made by the launcher's training start.
RUN set -eu; \
    cache=/opt/javacpp; \
    java -Dorg.bytedeco.javacpp.cachedir="$cache" -cp "/tmp/extract:/app/lib/*" ExtractNatives > /tmp/executables; \
    natives=$(dirname "$(head -n 1 /tmp/executables)"); \
    ln -s libva.so "$natives/libva.so.2"; ln -s libva-drm.so "$natives/libva-drm.so.2"; \
    missing=$(for f in "$natives"/*; do LD_LIBRARY_PATH="$natives" ldd "$f" | sed -n "s|^\t*\(.*not found\)|$f: \1|p"; done); \
    if [ -n "$missing" ]; then echo "libraries still missing:"; echo "$missing"; exit 1; fi; \
    chown -R root:root "$cache"; chmod -R u=rwX,go=rX "$cache"; chmod 1777 "$cache"; \
    find "$cache" -printf '%p %s %T@ %m %u\n' | sort > /tmp/cache-before; \
    setpriv --reuid=65534 --regid=65534 --clear-groups \
      java -Dorg.bytedeco.javacpp.cachedir="$cache" -cp "/tmp/extract:/app/lib/*" ExtractNatives > /tmp/again; \
    cmp /tmp/executables /tmp/again; \
    setpriv --reuid=65534 --regid=65534 --clear-groups env LD_LIBRARY_PATH="$natives" "$natives/ffmpeg" -hide_banner -version >/dev/null; \
    find "$cache" -printf '%p %s %T@ %m %u\n' | sort | diff /tmp/cache-before -; \
    JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=$cache" AUTO_M4B_JAR=/app/auto-m4b.jar /app/bin/auto-m4b --version; \
    test -s /app/auto-m4b.jsa; \
    find "$cache" -printf '%p %s %T@ %m %u\n' | sort | diff /tmp/cache-before -; \
    chmod 0755 /app/bin/auto-m4b /usr/local/bin/entrypoint.sh; \
    rm -rf /tmp/extract /tmp/executables /tmp/again /tmp/cache-before /tmp/hsperfdata_* /root/.javacpp
# Folders: everything under /data, one host folder or one mount per folder (docs/docker.md). No VOLUME: an anonymous
# volume would hide archived originals from the user who mounts only some folders.
ENV INBOX_FOLDER=/data/inbox CONVERTED_FOLDER=/data/converted ARCHIVE_FOLDER=/data/archive \
    BACKUP_FOLDER=/data/backup FAILED_FOLDER=/data/failed WORKING_FOLDER=/data/working CONFIG_FOLDER=/data/config \
    PUID=1000 PGID=1000 UMASK=002 TZ=Etc/UTC HTTP_PORT=8080 AUTO_M4B_JAR=/app/auto-m4b.jar
WORKDIR /app
EXPOSE 8080
# /health/ready: folders writable, free space, encoder libraries, job store (docs/docker.md)
HEALTHCHECK --interval=20s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://localhost:${HTTP_PORT}/health/ready" >/dev/null || exit 1
# the service ends cleanly on SIGTERM within a few seconds; docker-compose.yml's stop_grace_period is 10s
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
