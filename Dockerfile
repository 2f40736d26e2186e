# spotlane: the image the merge request lint job (templates/lint.yml) runs in.
#   docker build -t spotlane .
#   docker run --rm -v "$PWD:/repo" -w /repo spotlane lint .

# Build the shaded jar with the Maven wrapper on a JDK.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# the wrapper and the build file first: their dependencies stay cached while sources change
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
COPY rules/ rules/
COPY schemas/ schemas/
COPY examples/ examples/
COPY bin/ bin/
RUN ./mvnw -B -ntp -q package -DskipTests

# Run it on a JDK 25 JRE with an AOT cache (JEP 483/514/515) recorded by this very JRE from a training run over the
# bundled examples (start-up matters on every MR); the jar itself still targets Java 17.
FROM eclipse-temurin:25-jre
COPY --from=build /src/target/spotlane.jar /opt/spotlane/target/spotlane.jar
COPY examples/ /opt/spotlane/examples/
COPY bin/spotlane /opt/spotlane/bin/spotlane
RUN java -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xms64m -XX:-UsePerfData \
        -XX:AOTCacheOutput=/opt/spotlane/target/spotlane.aot -Xlog:aot=off -Xlog:cds=off \
        -cp /opt/spotlane/target/spotlane.jar dev.spotlane.cli.Training /opt/spotlane/examples > /dev/null; \
    test -f /opt/spotlane/target/spotlane.aot \
    && ln -s /opt/spotlane/bin/spotlane /usr/local/bin/spotlane
ENTRYPOINT ["/opt/spotlane/bin/spotlane"]
