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
RUN ./mvnw -B -ntp -q package -DskipTests

# Run it on a JRE.
FROM eclipse-temurin:17-jre
COPY --from=build /src/target/spotlane.jar /opt/spotlane/spotlane.jar
RUN printf '#!/bin/sh\nexec java -jar /opt/spotlane/spotlane.jar "$@"\n' > /usr/local/bin/spotlane \
    && chmod 755 /usr/local/bin/spotlane
ENTRYPOINT ["java","-jar","/opt/spotlane/spotlane.jar"]
