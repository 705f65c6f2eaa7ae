#!/usr/bin/env bash
# Makes sure every base image docker-compose.yml needs exists locally, and prints which to use as
#   export VO_SDK_IMAGE=... VO_RUNTIME_IMAGE=... VO_POSTGRES_IMAGE=... VO_RABBITMQ_IMAGE=... VO_SMTP_IMAGE=...
# (also written to artifacts/docker/images.env for `docker-compose --env-file`), so callers can do
#   eval "$(bash deploy/docker/build-local-images.sh)" && docker-compose up -d --build
# The official images are used when present or pullable. Where no registry answers (the build machines),
# the same roles are filled from this machine instead:
#   volunteerops/dotnet-sdk:10.0  the .NET SDK installed here (/usr/share/dotnet) on a Debian bookworm rootfs
#   volunteerops/aspnet:10.0      the same rootfs with only the shared runtimes (NETCore + AspNetCore), user app (1654)
#   volunteerops/smtp-sink:1      Debian's aiosmtpd keeping each mail as a file in /var/mail/new (SMTP on 1025)
#   volunteerops/postgres:15, volunteerops/rabbitmq:3   from deploy/local-infra/build-images.sh
# One debootstrap (cached) serves the three images made here, each importing only what it needs; they
# trust the certificate authorities this machine adds to Debian's (/usr/local/share/ca-certificates).
# Idempotent: images made by this same recipe (a label) are kept.
#
# Env knobs: VO_SKIP_PULL=1 (don't try the registry), VO_FORCE_REBUILD=1 (rebuild the local images; the
# rootfs cache is kept), VO_ROOTFS_CACHE (/var/cache/volunteerops/rootfs), VO_DEBIAN_MIRROR (default: the
# mirror apt uses), VO_DOTNET_ROOT (/usr/share/dotnet: where the SDK to package lives).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../local-infra/lib.sh
. "$root/deploy/local-infra/lib.sh"
log() { printf '[docker] %s\n' "$*" >&2; }

SUITE=bookworm
# What the official runtime-deps image carries (libc6, libgcc-s1, libstdc++6 and zlib1g come with minbase),
# plus the SMTP sink.
PACKAGES=ca-certificates,libicu72,libssl3,tzdata,python3-aiosmtpd
ROOTFS_CACHE="${VO_ROOTFS_CACHE:-/var/cache/volunteerops/rootfs}"
DOTNET_ROOT_HOST="${VO_DOTNET_ROOT:-/usr/share/dotnet}"
APP_UID=1654 # the official aspnet image's non-root user "app"

SDK_LOCAL=volunteerops/dotnet-sdk:10.0
RUNTIME_LOCAL=volunteerops/aspnet:10.0
SMTP_LOCAL=volunteerops/smtp-sink:1
# shellcheck source=../local-infra/images.env
. "$root/deploy/local-infra/images.env"

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, docker)"
eval "$("$root/deploy/local-infra/ensure-docker.sh")"

exec 8>/run/lock/volunteerops-build-local-images.lock
flock -w 900 8 || die "timed out waiting for another build-local-images.sh"

# --- 1. the official images, when present or pullable ------------------------
registry=1; [ "${VO_SKIP_PULL:-0}" != 1 ] || registry=0
have() { docker image inspect "$1" >/dev/null 2>&1; }
# official <ref>: true when the image is here or could be pulled; stops asking after the first failure.
official() {
  have "$1" && return 0
  [ "$registry" = 1 ] || return 1
  if timeout 600 docker pull -q "$1" >/dev/null 2>&1; then log "pulled $1"; return 0; fi
  registry=0
  log "registry not reachable ($1): using images made on this machine"
  return 1
}

declare -A chosen
# Choices made by the caller stand.
for key in SDK RUNTIME POSTGRES RABBITMQ SMTP; do
  var="VO_${key}_IMAGE"
  [ -z "${!var:-}" ] || chosen[$key]=${!var}
done
[ -n "${chosen[SDK]:-}" ] || ! official mcr.microsoft.com/dotnet/sdk:10.0 || chosen[SDK]=mcr.microsoft.com/dotnet/sdk:10.0
[ -n "${chosen[RUNTIME]:-}" ] || ! official mcr.microsoft.com/dotnet/aspnet:10.0 || chosen[RUNTIME]=mcr.microsoft.com/dotnet/aspnet:10.0
[ -n "${chosen[SMTP]:-}" ] || ! official axllent/mailpit:v1.20.0 || chosen[SMTP]=axllent/mailpit:v1.20.0
if [ -n "${chosen[POSTGRES]:-}" ] && [ -n "${chosen[RABBITMQ]:-}" ]; then :
elif official postgres:15 && official rabbitmq:3-management; then
  chosen[POSTGRES]=${chosen[POSTGRES]:-postgres:15} chosen[RABBITMQ]=${chosen[RABBITMQ]:-rabbitmq:3-management}
else
  VO_SKIP_PULL=1 bash "$root/deploy/local-infra/build-images.sh" >&2
  chosen[POSTGRES]=${chosen[POSTGRES]:-$VOLUNTEEROPS_POSTGRES_IMAGE} chosen[RABBITMQ]=${chosen[RABBITMQ]:-$VOLUNTEEROPS_RABBITMQ_IMAGE}
fi

emit() {
  local out="$root/artifacts/docker/images.env" key
  mkdir -p "$(dirname "$out")"
  : >"$out"
  for key in SDK RUNTIME POSTGRES RABBITMQ SMTP; do
    echo "VO_${key}_IMAGE=${chosen[$key]}" >>"$out"
    echo "export VO_${key}_IMAGE=${chosen[$key]}"
  done
  log "image choice written to $out"
}
if [ -n "${chosen[SDK]:-}" ] && [ -n "${chosen[RUNTIME]:-}" ] && [ -n "${chosen[SMTP]:-}" ]; then emit; exit 0; fi

# --- 2. which local images are missing or stale -------------------------------
[ -x "$DOTNET_ROOT_HOST/dotnet" ] || die "no .NET SDK at $DOTNET_ROOT_HOST (set VO_DOTNET_ROOT)"
# Versions packaged, part of the recipe: a new SDK or runtime on this machine rebuilds the images.
dotnet_versions="$(cd "$DOTNET_ROOT_HOST" && ls -d sdk/* host/fxr/* shared/*/* | sort | tr '\n' ' ')"
# The certificate authorities this machine adds to Debian's (a company's or a proxy's): the images trust
# what the host trusts, so the restore reaches NuGet as the host does. Part of the recipe too.
LOCAL_CAS=/usr/local/share/ca-certificates
RECIPE="$({ cat "$0"; echo "$dotnet_versions"; cat "$LOCAL_CAS"/*.crt 2>/dev/null || true; } | sha256sum | cut -c1-16)"
fresh() { # made by this recipe
  [ "${VO_FORCE_REBUILD:-0}" != 1 ] &&
    [ "$(docker image inspect --format '{{index .Config.Labels "org.volunteerops.recipe"}}' "$1" 2>/dev/null)" = "$RECIPE" ]
}
build=()
for key in SDK RUNTIME SMTP; do
  [ -z "${chosen[$key]:-}" ] || continue
  case $key in SDK) name=$SDK_LOCAL ;; RUNTIME) name=$RUNTIME_LOCAL ;; SMTP) name=$SMTP_LOCAL ;; esac
  chosen[$key]=$name
  fresh "$name" || build+=("$key")
done
if [ "${#build[@]}" = 0 ]; then log "local images present (recipe $RECIPE)"; emit; exit 0; fi

# --- 3. one shared rootfs from the Debian mirror apt already uses -------------
debian_mirror() {
  if [ -n "${VO_DEBIAN_MIRROR:-}" ]; then echo "$VO_DEBIAN_MIRROR"; return; fi
  # apt's own view of its sources, one-line and deb822 alike: " 500 http://deb.debian.org/debian bookworm/main amd64 Packages"
  apt-cache policy | awk -v want="$SUITE/main" '$3 == want && $2 ~ /^https?:/ { print $2; found = 1; exit } END { exit !found }'
}
rootfs="$ROOTFS_CACHE/$SUITE-$(echo "$PACKAGES" | sha256sum | cut -c1-12)"
if [ ! -f "$rootfs/.volunteerops-complete" ]; then
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  mirror="$(debian_mirror)" || die "no $SUITE mirror in apt's sources; set VO_DEBIAN_MIRROR"
  tmp="$rootfs.tmp"
  # A failed earlier run may have left proc/sys mounted inside the target.
  if [ -d "$tmp" ]; then
    grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
    rm -rf "$tmp"
  fi
  mkdir -p "$ROOTFS_CACHE/debs"
  dlog="$ROOTFS_CACHE/debootstrap-dotnet.log"
  log "debootstrap $SUITE from $mirror (+$PACKAGES), about 1 minute; log: $dlog"
  debootstrap --variant=minbase --include="$PACKAGES" --cache-dir="$ROOTFS_CACHE/debs" "$SUITE" "$tmp" "$mirror" >"$dlog" 2>&1 \
    || { tail -n 40 "$dlog" >&2; die "debootstrap failed"; }
  rm -rf "$tmp"/var/cache/apt/*.bin "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
  touch "$tmp/.volunteerops-complete"
  mv "$tmp" "$rootfs"
else
  log "using cached rootfs $rootfs"
fi

# The non-root user of all three images, and the sink's Maildir (created whole: aiosmtpd's handler
# makes the subdirectories only for a directory that does not exist yet).
chroot "$rootfs" id app >/dev/null 2>&1 || chroot "$rootfs" useradd --uid "$APP_UID" --user-group --create-home --shell /bin/sh app
install -d -o "$APP_UID" -g "$APP_UID" "$rootfs"/var/mail/{,tmp,new,cur}
rm -rf "${rootfs:?}$LOCAL_CAS" && install -d "$rootfs$LOCAL_CAS"
if compgen -G "$LOCAL_CAS/*.crt" >/dev/null; then cp "$LOCAL_CAS"/*.crt "$rootfs$LOCAL_CAS/"; fi
chroot "$rootfs" update-ca-certificates --fresh >/dev/null

# --- 4. import: rootfs minus what the image does not need, plus .NET from this machine ----
# Never in an image: provided by the runtime (proc/sys/dev), our marker, docs and locales (aiosmtpd's
# documentation brings web fonts and scripts too).
EXCLUDE_COMMON=(proc/* sys/* dev/* .volunteerops-complete usr/share/doc/* usr/share/man/* usr/share/info/*
  usr/share/locale/* usr/share/i18n/* usr/share/fonts usr/share/fonts-font-awesome usr/share/javascript
  usr/share/sphinx_rtd_theme)
# .NET images carry no Python; the sink no ICU.
EXCLUDE_PYTHON=(usr/lib/python3 usr/lib/python3.* usr/bin/python3* usr/share/python3 usr/bin/aiosmtpd)
EXCLUDE_ICU=(usr/lib/x86_64-linux-gnu/libicu* usr/share/icu)
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
install -d "$stage/usr/bin"
ln -s ../share/dotnet/dotnet "$stage/usr/bin/dotnet"
dn="${DOTNET_ROOT_HOST#/}"

# import_image <name> <exclude array name> [all | paths under the dotnet root...] -- <image changes...>
import_image() {
  local name=$1 excludes="$2[@]"; shift 2
  local dotnet=() changes=() excl=() e old_id
  while [ "$1" != -- ]; do dotnet+=("$dn/$1"); shift; done; shift
  for e in "$@" "LABEL org.volunteerops.recipe=$RECIPE"; do changes+=(-c "$e"); done
  for e in "${EXCLUDE_COMMON[@]}" "${!excludes}"; do excl+=(--exclude="./$e"); done
  # The dotnet root (all of it, or only its directories and the parts chosen), and the muxer on PATH.
  # Named members only: a "." of another directory would replace the root directory's mode, and the
  # engine refuses an archive naming a path twice.
  if [ "${dotnet[*]}" = "$dn/all" ]; then
    dotnet=(-C / "$dn" -C "$stage" usr/bin/dotnet)
  elif [ "${#dotnet[@]}" -gt 0 ]; then
    dotnet=(-C / --no-recursion "$dn" "$dn/host" "$dn/shared" --recursion "${dotnet[@]}" -C "$stage" usr/bin/dotnet)
  fi
  old_id="$(docker image inspect --format '{{.Id}}' "$name" 2>/dev/null || true)"
  log "importing $name"
  tar --numeric-owner "${excl[@]}" -cf - -C "$rootfs" . "${dotnet[@]}" | docker import "${changes[@]}" - "$name" >/dev/null
  # Don't leave the replaced image behind as a dangling layer (it stays if a container still uses it).
  if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect --format '{{.Id}}' "$name")" ]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
}

path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
dotnet_env=("ENV PATH=$path" 'ENV LANG=C.UTF-8' 'ENV DOTNET_RUNNING_IN_CONTAINER=true' 'ENV DOTNET_NOLOGO=true')
for key in "${build[@]}"; do
  case $key in
    SDK)
      # As the official SDK image: root, everything the SDK brings (packs, templates, manifests).
      import_image "$SDK_LOCAL" EXCLUDE_PYTHON all -- "${dotnet_env[@]}" \
        'ENV DOTNET_CLI_TELEMETRY_OPTOUT=true' 'ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false' 'ENV NUGET_XMLDOC_MODE=skip' \
        'CMD ["bash"]' ;;
    RUNTIME)
      import_image "$RUNTIME_LOCAL" EXCLUDE_PYTHON dotnet LICENSE.txt ThirdPartyNotices.txt host/fxr \
        shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App -- "${dotnet_env[@]}" \
        "ENV APP_UID=$APP_UID" 'ENV ASPNETCORE_HTTP_PORTS=8080' 'WORKDIR /app' 'EXPOSE 8080' 'CMD ["bash"]' ;;
    SMTP)
      import_image "$SMTP_LOCAL" EXCLUDE_ICU -- "ENV PATH=$path" 'ENV LANG=C.UTF-8' 'ENV PYTHONUNBUFFERED=1' \
        "USER $APP_UID" 'EXPOSE 1025' \
        'ENTRYPOINT ["python3", "-m", "aiosmtpd", "-n", "-l", "0.0.0.0:1025", "-c", "aiosmtpd.handlers.Mailbox", "/var/mail"]' \
        'HEALTHCHECK --interval=10s --timeout=3s CMD ["python3", "-c", "import smtplib; smtplib.SMTP(\"127.0.0.1\", 1025, timeout=2).quit()"]' ;;
  esac
done
log "local images ready: ${build[*]} (recipe $RECIPE)"
emit
