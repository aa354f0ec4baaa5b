# Multi-stage build of the controller image: a Maven build stage and a small, non-root JRE runtime.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY crds ./crds
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S -g 65532 controller && adduser -S -u 65532 -G controller controller
COPY --from=build /src/target/aws-load-balancer-controller-*.jar /app/controller.jar
USER 65532:65532
ENTRYPOINT ["java", "-jar", "/app/controller.jar"]
