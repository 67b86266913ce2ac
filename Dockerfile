# syntax=docker/dockerfile:1.7
# ITKM-J in a container. One Dockerfile, two variants chosen by build arguments; every step below is
# the same code in both (docs/docker.md):
#
#   GPU (the defaults): CUDA 12.4 runtime base, the kit built with the `cuda` Maven profile (PyTorch
#   2.5.1 CUDA 12.4 natives from Maven Central), JupyterLab from PyPI, and two Java kernels with the kit
#   on their class path: `itkm` (the kit's kernel, environment/install.sh) and `itkm-ijava` (IJava 1.3.0).
#     docker build -t itkm-j .
#     docker run --gpus all -p 8888:8888 \
#       -v "$PWD/results:/opt/itkm/results" \
#       -v /path/to/reid-datasets:/data:ro \
#       -v /path/to/checkpoints:/checkpoints \
#       itkm-j
#   then open the http://127.0.0.1:8888/lab?token=... address the container prints. Headless instead
#   (as the non-root user it skips the install step the image already did):
#     docker run --gpus all -v "$PWD/results:/opt/itkm/results" itkm-j environment/reproduce.sh
#
#   CPU (what environment/test-docker.sh builds with podman and tests): a Debian 12 base, the `cpu`
#   profile, no GitHub or PyPI download: Debian's classic notebook server and the `itkm` kernel.
#     docker build -t itkm-j:cpu --build-arg BASE_IMAGE=debian:bookworm-slim \
#       --build-arg MAVEN_PROFILE=cpu --build-arg IJAVA=skip --build-arg JUPYTERLAB=skip .
#
# The two downloads that need hosts other than the distribution's mirrors and Maven Central:
#   IJAVA=auto        docker-inputs/ijava-1.3.0.zip if the builder put it there, else GitHub's release zip
#   IJAVA=skip        no IJava kernel
#   JUPYTERLAB=auto   JupyterLab from the wheels in docker-inputs/wheels/ if there (pip --no-index),
#                     else from PyPI
#   JUPYTERLAB=skip   Debian's/Ubuntu's classic notebook server (`jupyter notebook`) instead
# Maven: the build's local repository is a cache mount (Docker BuildKit); MAVEN_REPO_LOCAL points Maven
# at another folder, e.g. a host repository mounted with `podman build -v` (environment/test-docker.sh).
# Nothing is fetched when the container runs: the PyTorch natives come from the Maven Central jar and are
# unpacked into DJL's cache at build time.
#
# GPU base: the CUDA 12.4 *runtime* image. DJL's pytorch-native-cu124 jar (2.46 GB) bundles libtorch with
# its own cuDNN 9, cuBLAS and cudart, so the -cudnn- variant would only add a second cuDNN. The base
# provides libcudart, which DJL loads to detect the GPU; without a visible GPU, DJL rejects the cu124
# natives (it would try to download CPU ones and fails offline), so run the GPU image with --gpus, and
# the CPU variant on machines without a GPU.
ARG BASE_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04
FROM ${BASE_IMAGE}

ARG MAVEN_PROFILE=cuda
ARG IJAVA=auto
ARG IJAVA_VERSION=1.3.0
ARG JUPYTERLAB=auto
ARG JUPYTERLAB_VERSION=4.2.5
ARG MAVEN_REPO_LOCAL=/root/.m2/repository
ARG USER_UID=1000
ARG DEBIAN_FRONTEND=noninteractive

# (podman/buildah honour SHELL only with --format docker)
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
# ITKM_DATA / ITKM_CHECKPOINTS: mount points for the real data sets and CLIP checkpoints, where the
# paper profile's data and checkpoint settings should point.
ENV LANG=C.UTF-8 \
    ITKM_HOME=/opt/itkm \
    ITKM_BUILD_PROFILE=${MAVEN_PROFILE} \
    ITKM_PROFILE=quick \
    ENGINE_CACHE_DIR=/opt/itkm/djl-cache \
    ITKM_DATA=/data \
    ITKM_CHECKPOINTS=/checkpoints \
    PATH=/opt/jupyterlab/bin:$PATH
WORKDIR /opt/itkm

# Files the builder supplies instead of the GitHub / PyPI downloads (docker-inputs/README.md).
COPY docker-inputs/ /tmp/docker-inputs/

# System packages (JDK 17, Maven, Jupyter runtime), Maven >= 3.8 (Ubuntu 22.04 ships 3.6.3, so the
# installer fetches Apache Maven 3.9.9 from Maven Central), the classic notebook server, the kit's own
# kernelspec `itkm` (and `itkm-ijava` with the IJava zip), installed system-wide.
COPY environment/ environment/
RUN --mount=type=cache,target=/root/.m2 \
    ijava_zip="/tmp/docker-inputs/ijava-${IJAVA_VERSION}.zip"; \
    case "$IJAVA" in \
      skip) ijava_zip="" ;; \
      auto) if [ ! -f "$ijava_zip" ]; then \
              apt-get update -q && apt-get install -y -q --no-install-recommends curl ca-certificates; \
              curl -fsSL -o "$ijava_zip" \
                "https://github.com/SpencerPark/IJava/releases/download/v${IJAVA_VERSION}/ijava-${IJAVA_VERSION}.zip"; \
            fi ;; \
      *) echo "IJAVA must be auto or skip, not '$IJAVA'" >&2; exit 2 ;; \
    esac; \
    if [ -f /tmp/docker-inputs/plotly/plotly.min.js ]; then mkdir -p vendor && cp -r /tmp/docker-inputs/plotly vendor/; fi; \
    ITKM_BROWSER_TEST=skip MAVEN_OPTS="-Dmaven.repo.local=${MAVEN_REPO_LOCAL}" environment/install.sh ${ijava_zip:+--ijava-zip "$ijava_zip"}; \
    apt-get clean; rm -rf /var/lib/apt/lists/*

# The notebook server: JupyterLab in its own virtual environment that also sees the Debian Jupyter
# packages, or Debian's classic notebook server; tini reaps the kernels' processes when the container stops.
RUN apt-get update -q; \
    case "$JUPYTERLAB" in \
      skip) apt-get install -y -q --no-install-recommends tini jupyter-notebook ;; \
      auto) apt-get install -y -q --no-install-recommends tini python3-venv; \
            python3 -m venv --system-site-packages /opt/jupyterlab; \
            if compgen -G "/tmp/docker-inputs/wheels/*.whl" >/dev/null; then \
              /opt/jupyterlab/bin/pip install --no-cache-dir --no-index --find-links /tmp/docker-inputs/wheels \
                "jupyterlab==${JUPYTERLAB_VERSION}"; \
            else \
              /opt/jupyterlab/bin/pip install --no-cache-dir "jupyterlab==${JUPYTERLAB_VERSION}"; \
            fi ;; \
      *) echo "JUPYTERLAB must be auto or skip, not '$JUPYTERLAB'" >&2; exit 2 ;; \
    esac; \
    apt-get clean; rm -rf /var/lib/apt/lists/* /tmp/docker-inputs

# A non-root user runs the notebook server; it owns the places it writes: notebooks/ (edits and
# checkpoints), results/ (a volume), /data, /checkpoints and the DJL cache. Created empty here so that
# no large tree is chowned (that would copy it into another layer).
RUN useradd --create-home --uid "${USER_UID}" --shell /bin/bash itkm \
    && mkdir -p results notebooks /data /checkpoints "$ENGINE_CACHE_DIR" \
    && chown itkm:itkm . results notebooks /data /checkpoints "$ENGINE_CACHE_DIR"

# The kit, built with the chosen natives. Its unit tests run in CI on the host; the image test
# (environment/test-docker.sh) runs the kit inside the CPU variant.
COPY pom.xml itkm ./
COPY lib/pom.xml lib/
COPY lib/src/main lib/src/main
# the shipped pocket CLIP (model.checkpoint: pocket), verified against its manifest before every use
COPY models/ models/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dstyle.color=never "-Dmaven.repo.local=${MAVEN_REPO_LOCAL}" -P"${MAVEN_PROFILE}" \
      -Dmaven.test.skip=true package \
    && echo "${MAVEN_PROFILE}" > lib/target/.build-profile
COPY --chown=itkm:itkm notebooks/ notebooks/

USER itkm
# Unpack the PyTorch natives into DJL's cache now (CUDA: 3.8 GB, about a minute), so that a new
# container does not extract them on its first engine start. DJL loads the unpacked folder as it is.
RUN environment/warm-djl-cache.sh "$ENGINE_CACHE_DIR"
VOLUME ["/opt/itkm/results", "/data", "/checkpoints"]
EXPOSE 8888

ENTRYPOINT ["/usr/bin/tini", "--"]
# JupyterLab where the image has it, else the classic notebook server; both serve /opt/itkm on 8888.
CMD ["/bin/sh", "-c", "if command -v jupyter-lab >/dev/null; then exec jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --ServerApp.root_dir=/opt/itkm; else exec jupyter notebook --ip=0.0.0.0 --port=8888 --no-browser --notebook-dir=/opt/itkm; fi"]
