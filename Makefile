# Harness for the device-centric IOMMU attach series; see README.md.
# Targets are the interface; the work is in scripts/, one job each.

S := scripts
TOPOS ?= none intel amd

.PHONY: all base tree export build baseline initramfs kunit lint run check \
	guest-tests mutants clean help

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
	$(S)/build.sh x86_64 patched

baseline: base
	$(S)/build.sh x86_64 base

initramfs: tree
	$(S)/initramfs.sh x86_64

kunit: tree
	$(S)/kunit.sh

lint: tree
	$(S)/lint.sh

run: build initramfs
	$(S)/run.sh

guest-tests: build baseline initramfs
	$(S)/guest-tests.sh $(TOPOS)

check:
	$(S)/check.sh

clean:
	rm -rf build

mutants: tree
	$(S)/mutants.py
