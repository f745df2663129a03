# The bench for the AUX/vmap large-mapping series.  See README.md.
#   make run                 build + boot the patched arm64-4k kernel, report
#   make test                everything; last line "N passed, N failed, N skipped"
#   make test SCENARIO=x     one scenario only (plus the bench and series checks)
#   make tree | export | check-export   the edit -> build -> boot -> export loop
#   make build boot SCENARIO=x          one step of it
#   make bench               base vs patched mapping benchmark (see README)
#   make maintainers         get_maintainer.pl addresses per patch and for the series
#   make warnings            W=1 and sparse (C=1) per patch, arm64 and x86_64
#   make send-email          git send-email --dry-run of the series
#   make cross               build and link the series on powerpc64le, powerpc 8xx, riscv64 nommu
#   make mutants             deliberately wrong changes (tests/mutants/): each must be caught

SCENARIOS_ALL := arm64-4k arm64-16k arm64-64k arm64-4k-nohugetlb arm64-4k-debug arm64-4k-swtags x86_64 riscv64
SCENARIO ?=
SCENARIOS := $(if $(SCENARIO),$(SCENARIO),$(SCENARIOS_ALL))
ONE := $(if $(SCENARIO),$(SCENARIO),arm64-4k)

.PHONY: all run test setup tree export check-export build boot selftest \
	checkpatch kernel-doc bisect shellcheck bench bench-aging maintainers warnings \
	send-email cross mutants clean distclean

all: run

setup:
	@scripts/host-setup.sh

tree: setup
	@scripts/make-tree.sh

export:
	@scripts/export.sh

check-export:
	@scripts/check-export.sh

build: setup
	@scripts/make-tree.sh --if-missing
	@scripts/build-kernel.sh $(ONE) && scripts/build-initramfs.sh $(ONE) >/dev/null

boot:
	@scripts/boot.sh $(ONE) && scripts/classify.sh build/results/$(ONE) $(ONE)

selftest: tree
	@tests/run.sh

checkpatch: tree
	@scripts/checkpatch-series.sh

kernel-doc: tree
	@scripts/kerneldoc-series.sh

bisect: tree
	@scripts/bisect-build.sh

maintainers: tree
	@scripts/maintainers-series.sh

warnings: tree
	@scripts/warnings-series.sh

send-email: tree
	@scripts/sendemail-series.sh

cross: tree
	@scripts/cross-build.sh

mutants: tree
	@scripts/run-mutants.sh

shellcheck:
	@scripts/shellcheck-bench.sh

run: tree
	@scripts/run-main.sh

test: tree
	@scripts/run-tests.sh $(SCENARIOS)

bench: tree
	@scripts/run-bench.sh

bench-aging: tree
	@scripts/run-aging.sh

clean:
	rm -rf build/out build/results

distclean:
	rm -rf build
