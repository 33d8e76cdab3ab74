# The image of either service, built from the sources: no JDK or Maven is needed on the host.
#
#   docker build --build-arg MODULE=api-service -t timers-api .
#   docker build --build-arg MODULE=timer-consumer --build-arg PORT=8081 --build-arg MANAGEMENT_PORT=9081 -t timers-consumer .
#
# docker-compose.yml builds both with the build arguments below. The two services differ only in the module
# whose jar runs and in their default ports, so one file describes both. Build context: the repository's root
# (see .dockerignore).

# Stage 1 compiles both services at once and never reads MODULE, so the second image's build finds every
# layer of this stage in the cache and compiles nothing again.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# The poms alone first: the layer that downloads the dependencies is rebuilt only when a pom changes, so a
# code change costs a compile, not a download. (A BuildKit cache mount would do the same, but the classic
# builder that docker-compose 1.29 uses does not know `RUN --mount`.)
COPY pom.xml ./
COPY timer-core/pom.xml timer-core/
COPY api-service/pom.xml api-service/
COPY timer-consumer/pom.xml timer-consumer/
COPY system-tests/pom.xml system-tests/
# go-offline skips the project's own modules (they are not built yet); the few plugin parts it cannot foresee
# come with the package step below.
RUN mvn -B -ntp -q -pl api-service,timer-consumer -am dependency:go-offline -DexcludeReactor=true
COPY timer-core/src timer-core/src
COPY api-service/src api-service/src
COPY timer-consumer/src timer-consumer/src
# Tests are compiled (the services' test code needs timer-core's test jar) but not run: they need a broker
# and a store, which ./test.sh provides. The build checks formatting; a formatted tree is the committer's job.
RUN mvn -B -ntp -q -pl api-service,timer-consumer -am package -DskipTests -Dspotless.check.skip=true \
 && for module in api-service timer-consumer; do \
      java -Djarmode=tools -jar "$module"/target/"$module"-*-exec.jar extract --layers --launcher \
        --destination /layers/"$module"; \
    done

# Stage 2 runs the jar, split into Spring Boot's layers, least to most often changed, so that a code change
# ships only the small "application" layer and the dependency layers stay cached.
FROM eclipse-temurin:21-jre
ARG MODULE=api-service
# The public HTTP port (the consumer serves only health on it) and the actuator's port (health, metrics),
# which compose does not publish.
ARG PORT=8080
ARG MANAGEMENT_PORT=9080
RUN groupadd --system timers \
 && useradd --system --gid timers --home-dir /app --no-create-home --shell /usr/sbin/nologin timers
WORKDIR /app
COPY --from=build /layers/${MODULE}/dependencies/ ./
COPY --from=build /layers/${MODULE}/spring-boot-loader/ ./
COPY --from=build /layers/${MODULE}/snapshot-dependencies/ ./
COPY --from=build /layers/${MODULE}/application/ ./
USER timers

# All settings come from the environment (see README.md, "Configuration").
ENV PORT=${PORT} MANAGEMENT_PORT=${MANAGEMENT_PORT}
EXPOSE ${PORT}

# curl is part of the eclipse-temurin Ubuntu images (they install it for historical reasons), so the check
# needs no extra package; /actuator/health is UP only when DynamoDB and RabbitMQ both answer.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_PORT}/actuator/health" >/dev/null || exit 1

# Memory: a bounded heap and the settings README.md explains (about 300 MB resident with 2,000 calls in
# flight); JAVA_TOOL_OPTIONS replaces them. Java is PID 1 (exec form), so `docker stop` reaches Spring's
# graceful shutdown.
ENV JAVA_TOOL_OPTIONS="-Xms64m -Xmx144m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
    MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
