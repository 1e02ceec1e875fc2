# Two entry points (see README): `make serve` and `make test`. The scripts they run
# install whatever is missing first, so both work on a fresh machine.
PORT ?= 8080
export PORT

.PHONY: serve test build bench golden fuzz

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

build:
	@scripts/setup.sh && scripts/build.sh

bench:
	@scripts/bench.sh

# Rewrites the golden images on purpose after an intended change in the renderer.
golden:
	@UPDATE_GOLDEN=1 cargo test --release --test golden

# Fuzzes each target for FUZZ_SECONDS (default 60); see scripts/fuzz.sh.
fuzz:
	@scripts/fuzz.sh
