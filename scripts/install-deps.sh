#!/usr/bin/env bash
# Installs the Debian packages GANKit needs, skipping those already present:
#   libopenblas-dev, libpng-dev, zlib1g-dev, pkg-config — build dependencies (BLAS, PNG, gzip)
#   libopenmpi-dev, openmpi-bin              — MPI for data-parallel training (GANKitDistributed, mpirun)
#   dataset-fashion-mnist, ruby-gemojione    — the limited-data sets the demo and tests use
#   python3-pip, only when `python3 -m pip` does not work — downloads the FID Inception weights
set -euo pipefail
packages=(libopenblas-dev libpng-dev zlib1g-dev pkg-config libopenmpi-dev openmpi-bin dataset-fashion-mnist ruby-gemojione)
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
