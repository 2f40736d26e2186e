#!/bin/sh
# Pulls the bake list into the worker image's Docker, for linux/arm64. worker.pkr.hcl runs it as root with its
# variables in Packer's environment file, which the execute_command removes right after reading it.
#
# Private registries are logged into first, from credentials Packer holds as sensitive variables, into a temporary
# DOCKER_CONFIG that is removed when the script ends, whatever the outcome: no credential on a command line (every
# password reaches `docker login --password-stdin` through printf, a shell builtin), none in the log, none in a file
# left in the image.
#
#   IMAGES                    references to pull, space-separated (spotlane images --format packer)
#   REGISTRIES                their registries, space-separated (the same file)
#   ECR_LOGINS                one "REGION PASSWORD" a line: aws ecr get-login-password per region (the CI job)
#   GITLAB_REGISTRY           the GitLab registry host ($CI_REGISTRY), logged into with
#   GITLAB_REGISTRY_USER      the job's registry user or a deploy token's name
#   GITLAB_REGISTRY_PASSWORD  and its password
#   DOCKER_AUTH_CONFIG        a Docker config.json for other registries (its "auths"; no credsStore/credHelpers)
set -eu
umask 077
DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'rm -rf "$DOCKER_CONFIG"' EXIT
trap 'exit 130' INT TERM
if [ -n "${DOCKER_AUTH_CONFIG:-}" ]; then
  printf '%s' "$DOCKER_AUTH_CONFIG" > "$DOCKER_CONFIG/config.json"
else
  printf '{}' > "$DOCKER_CONFIG/config.json"
fi

# login REGISTRY USER, the password on stdin
login() {
  docker login --username "$2" --password-stdin "$1" > /dev/null
  echo "bake: logged in to $1 ($3)"
}

for registry in ${REGISTRIES:-}; do
  case "$registry" in
    *.dkr.ecr.*.amazonaws.com | *.dkr.ecr.*.amazonaws.com.cn)
      region=$(printf '%s\n' "$registry" | sed -E 's/^[0-9]+\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/\2/')
      password=$(printf '%s\n' "${ECR_LOGINS:-}" | awk -v r="$region" '$1 == r { print $2; exit }')
      if [ -z "$password" ]; then
        echo "bake: no ECR login for $registry (region $region): the job runs aws ecr get-login-password per region" >&2
        exit 1
      fi
      printf '%s' "$password" | login "$registry" AWS "ECR"
      password=
      ;;
    *)
      if [ -n "${GITLAB_REGISTRY:-}" ] && [ "$registry" = "$GITLAB_REGISTRY" ] \
          && [ -n "${GITLAB_REGISTRY_PASSWORD:-}" ]; then
        printf '%s' "$GITLAB_REGISTRY_PASSWORD" | login "$registry" "${GITLAB_REGISTRY_USER:-}" "GitLab registry"
      fi
      # else: DOCKER_AUTH_CONFIG's auths, or anonymous (Docker Hub through the daemon's registry mirror)
      ;;
  esac
done

for image in ${IMAGES:-}; do
  docker pull --platform linux/arm64 "$image" || exit 1
done
docker image ls
