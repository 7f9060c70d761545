# Install archdecide: a stripped release binary, shell completions and a man page.
#
#   make install                      # into /usr/local
#   make install PREFIX=$HOME/.local  # into your home
#   make install DESTDIR=/tmp/pkg     # staged, for packaging
#   make uninstall PREFIX=...         # removes exactly what install put there
#
# The binary embeds the rules and templates; it needs only the system's libsqlite3.so.0
# (Debian/Ubuntu: libsqlite3-0; building needs libsqlite3-dev).

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
BUILD_FLAGS ?= -c release --static-swift-stdlib

BIN_DIR = $(DESTDIR)$(PREFIX)/bin
MAN_DIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASH_DIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_DIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_DIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

INSTALLED = $(BIN_DIR)/archdecide $(MAN_DIR)/archdecide.1 $(BASH_DIR)/archdecide $(ZSH_DIR)/_archdecide $(FISH_DIR)/archdecide.fish

.PHONY: all build man install uninstall
# build and man use one .build folder: never at once.
.NOTPARALLEL:

all: build

# Only the product: the package's other targets (the tests' support module among them) are not installed.
build:
	$(SWIFT) build $(BUILD_FLAGS) --product archdecide

# swift-argument-parser's generate-manual plugin: one page for the command and all its subcommands.
# It builds from the resolved dependency, so it works offline once the package has resolved. It
# reads the commands from a debug build (the page is the same; a release build with other flags
# would make the two builds replace each other's objects).
MAN_PAGE = .build/plugins/GenerateManual/outputs/archdecide/archdecide.1

man:
	$(SWIFT) package generate-manual --configuration debug
	@test -s $(MAN_PAGE)

install: build man
	@bin="$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/archdecide"; \
	set -e; \
	install -d "$(BIN_DIR)" "$(MAN_DIR)" "$(BASH_DIR)" "$(ZSH_DIR)" "$(FISH_DIR)"; \
	install -m 755 -s "$$bin" "$(BIN_DIR)/archdecide"; \
	install -m 644 $(MAN_PAGE) "$(MAN_DIR)/archdecide.1"; \
	"$$bin" --generate-completion-script bash > "$(BASH_DIR)/archdecide"; \
	"$$bin" --generate-completion-script zsh > "$(ZSH_DIR)/_archdecide"; \
	"$$bin" --generate-completion-script fish > "$(FISH_DIR)/archdecide.fish"; \
	echo "installed: $(INSTALLED)"

uninstall:
	rm -f $(INSTALLED)
	@echo "removed: $(INSTALLED)"
