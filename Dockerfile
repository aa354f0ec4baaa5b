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
# Class-data sharing for start-up: a training run of this very JVM records the classes a start
# loads (CLI, configuration, logging, the AWS SDK clients; it stops where it needs AWS credentials,
# before any cluster) into /app/controller.jsa, which JAVA_TOOL_OPTIONS in
# manifests/base/deployment.yaml names. With -Xshare:auto a missing or stale archive is ignored,
# never fatal.
RUN timeout 120 java -XX:ArchiveClassesAtExit=/app/controller.jsa -XX:TieredStopAtLevel=1 \
      -XX:+UseSerialGC -Daws.disableEc2Metadata=true -jar /app/controller.jar \
      --cluster-name=cds-training --aws-region=us-west-2 --aws-vpc-id=vpc-00000000 \
      --kubeconfig=/nonexistent >/dev/null 2>&1; \
    test -s /app/controller.jsa || java -XX:ArchiveClassesAtExit=/app/controller.jsa \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /app/controller.jar --help >/dev/null
USER 65532:65532
# The JVM options are in the Deployment's JAVA_TOOL_OPTIONS (one place, with the measured reasons).
ENTRYPOINT ["java", "-jar", "/app/controller.jar"]
