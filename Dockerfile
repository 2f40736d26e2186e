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
RUN ./mvnw -B -ntp -q package -DskipTests

# Run it on a JRE, with a class-data-sharing archive made by this very JRE (start-up matters on every MR).
FROM eclipse-temurin:17-jre
COPY --from=build /src/target/spotlane.jar /opt/spotlane/target/spotlane.jar
COPY examples/demo/ /opt/spotlane/examples/demo/
COPY bin/spotlane /opt/spotlane/bin/spotlane
RUN java -XX:ArchiveClassesAtExit=/opt/spotlane/target/spotlane.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        -jar /opt/spotlane/target/spotlane.jar lint /opt/spotlane/examples/demo > /dev/null; \
    test -f /opt/spotlane/target/spotlane.jsa \
    && ln -s /opt/spotlane/bin/spotlane /usr/local/bin/spotlane
ENTRYPOINT ["/opt/spotlane/bin/spotlane"]
