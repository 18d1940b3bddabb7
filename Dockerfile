# Reelflow service image: built with Maven, run on a Java 17 JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY processes processes
COPY forms forms
COPY src/main src/main
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
# the service runs as an unprivileged user; the jar belongs to root and is only readable by it
RUN groupadd --system --gid 10001 reelflow \
 && useradd --system --uid 10001 --gid reelflow --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin reelflow
WORKDIR /app
COPY --from=build --chown=root:root /src/target/reelflow-*.jar /app/reelflow.jar
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/reelflow.jar"]
