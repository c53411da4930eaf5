# auto-m4b on Apache Camel. Build: docker build -t auto-m4b .
# Run:   docker run -e PUID=1000 -e PGID=1000 -v /books/inbox:/data/inbox -v /books/converted:/data/converted \
#          -v /books/archive:/data/archive -v /books/failed:/data/failed -v /books/config:/data/config auto-m4b
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# libpulse0: the bundled ffmpeg links it; setpriv (util-linux) drops to PUID/PGID without a shell wrapper around file names
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libpulse0 util-linux \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/auto-m4b.jar /app/auto-m4b.jar
COPY --from=build /src/target/lib /app/lib
COPY routes /app/routes
COPY application.properties /app/application.properties
COPY bin/auto-m4b /app/bin/auto-m4b
COPY docker/entrypoint.sh /entrypoint.sh
# extract the bundled ffmpeg once, at build time, into a folder every user can read; the launcher's first start also
# makes the class-data-sharing archive (/app/auto-m4b.jsa) with this image's JVM
ENV JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=/opt/javacpp" AUTO_M4B_JAR=/app/auto-m4b.jar
RUN /app/bin/auto-m4b --validate --inbox-folder=/tmp/v/in --converted-folder=/tmp/v/out \
      --archive-folder=/tmp/v/a --failed-folder=/tmp/v/f --working-folder=/tmp/v/w --config-folder=/tmp/v/c || true; \
    chmod -R a+rwX /opt/javacpp; chmod a+r /app/auto-m4b.jsa; rm -rf /tmp/v
ENV INBOX_FOLDER=/data/inbox CONVERTED_FOLDER=/data/converted ARCHIVE_FOLDER=/data/archive BACKUP_FOLDER=/data/backup \
    FAILED_FOLDER=/data/failed WORKING_FOLDER=/data/working CONFIG_FOLDER=/data/config PUID=1000 PGID=1000
VOLUME ["/data"]
ENTRYPOINT ["/entrypoint.sh"]
