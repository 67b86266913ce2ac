# syntax=docker/dockerfile:1.7
# ITKM-J in a CUDA 12.4 image: JDK 17, the kit built with the `cuda` Maven profile (PyTorch 2.5.1
# CUDA 12.4 natives from Maven Central, unpacked into DJL's cache at build time so nothing is
# downloaded or extracted at run time), JupyterLab, and two Java kernels with the kit on their class
# path: `itkm` (the kit's own JShell kernel, org.itkm.kernel) and `itkm-ijava` (IJava 1.3.0).
#
#   docker build -t itkm-j .
#   docker run --gpus all -p 8888:8888 \
#     -v "$PWD/results:/opt/itkm/results" \
#     -v /path/to/reid-datasets:/data:ro \
#     -v /path/to/checkpoints:/checkpoints \
#     itkm-j
#
# then open the http://127.0.0.1:8888/lab?token=... address the container prints. Headless instead
# (the README's main command; as the non-root user it skips the install step the image already did):
#   docker run --gpus all -v "$PWD/results:/opt/itkm/results" itkm-j environment/reproduce.sh
#
# The install steps are environment/install.sh, the same script a bare Debian/Ubuntu machine runs.
# Network use while building: the Ubuntu mirrors and Maven Central through apt and Maven, PyPI for
# JupyterLab (not packaged by Debian or Ubuntu), and GitHub for the IJava release zip (IJava is on
# neither Maven Central nor PyPI). Nothing is fetched when the container runs.
#
# Base: the CUDA 12.4 *runtime* image. DJL's pytorch-native-cu124 jar (2.46 GB) bundles libtorch with
# its own cuDNN 9, cuBLAS and cudart, so the -cudnn- variant would only add a second cuDNN. The base
# provides libcudart, which DJL loads to detect the GPU; without a visible GPU, DJL rejects the cu124
# natives (it would try to download CPU ones and fails offline), so run the image with --gpus, and use
# a plain checkout (cpu profile) on machines without a GPU.
FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04

ARG IJAVA_VERSION=1.3.0
ARG JUPYTERLAB_VERSION=4.2.5
ARG USER_UID=1000
ARG DEBIAN_FRONTEND=noninteractive

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# ITKM_DATA / ITKM_CHECKPOINTS: mount points for the real data sets and CLIP checkpoints, where the
# paper profile's data and checkpoint settings should point.
ENV LANG=C.UTF-8 \
    ITKM_HOME=/opt/itkm \
    ITKM_BUILD_PROFILE=cuda \
    ITKM_PROFILE=quick \
    ENGINE_CACHE_DIR=/opt/itkm/djl-cache \
    ITKM_DATA=/data \
    ITKM_CHECKPOINTS=/checkpoints \
    PATH=/opt/jupyterlab/bin:$PATH
WORKDIR /opt/itkm

# IJava 1.3.0 release zip: the one build step that needs GitHub.
ADD https://github.com/SpencerPark/IJava/releases/download/v${IJAVA_VERSION}/ijava-${IJAVA_VERSION}.zip /tmp/ijava.zip

# System packages (JDK 17, Maven, Jupyter runtime), Maven >= 3.8 (Ubuntu 22.04 ships 3.6.3, so the
# installer fetches Apache Maven 3.9.9 from Maven Central), the classic notebook server and the
# kernelspecs `itkm` and `itkm-ijava`, installed system-wide. (The browser test's Chromium is Debian-only.)
COPY environment/ environment/
RUN --mount=type=cache,target=/root/.m2 \
    environment/install.sh --ijava-zip /tmp/ijava.zip \
    && rm -rf /tmp/ijava.zip /var/lib/apt/lists/*

# JupyterLab in its own virtual environment that also sees the Debian Jupyter packages; tini reaps
# the kernels' processes when the container stops.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-venv tini \
    && rm -rf /var/lib/apt/lists/* \
    && python3 -m venv --system-site-packages /opt/jupyterlab \
    && /opt/jupyterlab/bin/pip install --no-cache-dir "jupyterlab==${JUPYTERLAB_VERSION}"

# A non-root user runs JupyterLab; it owns the places it writes: notebooks/ (edits and checkpoints),
# results/ (a volume), /data, /checkpoints and the DJL cache. Created empty here so that no large
# tree is chowned (that would copy it into another layer).
RUN useradd --create-home --uid "${USER_UID}" --shell /bin/bash itkm \
    && mkdir -p results notebooks /data /checkpoints "$ENGINE_CACHE_DIR" \
    && chown itkm:itkm . results notebooks /data /checkpoints "$ENGINE_CACHE_DIR"

# The kit, built with the CUDA natives. Tests run in CI on the CPU profile; a Docker build has no GPU.
COPY pom.xml itkm ./
COPY lib/pom.xml lib/
COPY lib/src/main lib/src/main
# the shipped pocket CLIP (model.checkpoint: pocket), verified against its manifest before every use
COPY models/ models/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dstyle.color=never -Pcuda -Dmaven.test.skip=true package \
    && echo cuda > lib/target/.build-profile
COPY --chown=itkm:itkm notebooks/ notebooks/

USER itkm
# Unpack the CUDA natives into DJL's cache now (3.8 GB; about a minute), so that a new container does not
# extract them on its first engine start. DJL loads the unpacked folder as it is.
RUN environment/warm-djl-cache.sh "$ENGINE_CACHE_DIR"
VOLUME ["/opt/itkm/results", "/data", "/checkpoints"]
EXPOSE 8888

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--ServerApp.root_dir=/opt/itkm"]
