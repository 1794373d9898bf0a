#!/usr/bin/env bash
# Installs what the Spark tests (tests/test_spark.py) need beyond pip: a Java 17 runtime
# (Debian's openjdk-17-jre-headless). pyspark, pyarrow and pandas come from the test extra
# (it includes the spark extra: pip install -e '.[test]').
# Idempotent: does nothing when `java` is already on PATH. Needs root (or sudo) for apt-get.
set -euo pipefail

# shellcheck source=as-root.sh
source "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"

if ! command -v java >/dev/null 2>&1; then
    echo "install-spark: installing Debian openjdk-17-jre-headless" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
fi

java -version 2>&1 | head -n 1
python -c "import pyspark, pyarrow; print('pyspark', pyspark.__version__, 'pyarrow', pyarrow.__version__)"
