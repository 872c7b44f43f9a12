#!/usr/bin/env bash
# Checks the container image's runtime stage without a Docker engine: builds every executable as the
# Dockerfile does (release, static Swift runtime), lays them out under /app in a fresh minimal Debian
# bookworm root (debootstrap, with librdkafka1 and ca-certificates only, as the runtime image has), and
# runs `newsline demo` there in a chroot as the image's non-root user (uid 10001). Needs root and
# Debian's package mirror; takes several minutes. Not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "check-image-runtime: run as root (debootstrap and chroot need it)" >&2; exit 1; }
bash scripts/setup.sh
command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }

scratch=.build-image-check
root="$scratch/rootfs"
swift build -c release --static-swift-stdlib --scratch-path "$scratch/build" >&2
bin="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch/build" --show-bin-path)"
for program in newsline newsline-ingest newsline-entities newsline-summarize; do
  if ldd "$bin/$program" | grep -q libswift; then echo "FAIL $program links a Swift runtime library dynamically" >&2; exit 1; fi
done
if [ ! -x "$root/usr/bin/env" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase --include=librdkafka1,ca-certificates bookworm "$root" http://deb.debian.org/debian >&2
fi
rm -rf "$root/app" && mkdir -p "$root/app/samples"
cp "$bin"/newsline "$bin"/newsline-ingest "$bin"/newsline-entities "$bin"/newsline-summarize "$root/app/"
cp -R "$bin/newsline_NewsNLP.resources" "$root/app/"
cp samples/syria-ceasefire.txt "$root/app/samples/"
if chroot "$root" dpkg -l | grep -q swift; then echo "FAIL the runtime root has a Swift package" >&2; exit 1; fi
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"' EXIT
chroot --userspec=10001:10001 "$root" /bin/sh -c 'cd /tmp && /app/newsline demo /app/samples/syria-ceasefire.txt --log-directory /tmp/demo-logs'
echo "check-image-runtime: the static executables ran the pipeline in a bookworm root with librdkafka1 only, as uid 10001"
