# Harness for the device-centric IOMMU attach series; see README.md.
# Targets are the interface; the work is in scripts/, one job each.

S := scripts
ARCHS ?= x86_64 arm64
# Topologies for guest-tests; empty: all of them (scripts/guest-tests.sh)
TOPOS ?=

.PHONY: all base tree export build baseline initramfs kunit lint run check \
	guest-tests tegra mutants kunit-long bench clean help

all: help

help:
	@sed -n 's/^    \(make .*\)/\1/p' README.md

base:
	$(S)/base.sh

tree: base
	$(S)/tree.sh

export:
	$(S)/export.sh

build: tree
	for a in $(ARCHS); do $(S)/build.sh $$a patched || exit 1; done

baseline: tree
	for a in $(ARCHS); do $(S)/build.sh $$a base || exit 1; done

initramfs: tree
	for a in $(ARCHS); do $(S)/initramfs.sh $$a || exit 1; done

kunit: tree
	$(S)/kunit.sh

lint: tree
	$(S)/lint.sh

tegra: tree
	$(S)/tegra.sh

run: tree
	$(S)/build.sh x86_64 patched
	$(S)/initramfs.sh x86_64
	$(S)/run.sh

guest-tests: build baseline initramfs
	$(S)/guest-tests.sh $(TOPOS)

check:
	$(S)/check.sh

clean:
	rm -rf build

bench: build baseline initramfs
	$(S)/bench.sh

mutants: tree
	$(S)/mutants.py

# The model case alone, 1,000,000 steps; SEED=0 for a fresh seed
kunit-long: tree
	KUNIT_ONLY=drivers/iommu/.kunitconfig \
	KUNIT_ARGS="iommu_attach.iommu_attach_model_random_ops \
		--kernel_args=iommu_attach_kunit.random_steps=$${STEPS:-1000000} \
		--kernel_args=iommu_attach_kunit.random_seed=$${SEED:-20261123}" \
		$(S)/kunit.sh
