# studyterm — the only build entry point.
#
#   make            build build/studyterm
#   make run        install missing packages, build, start on ./content
#   make check      install missing packages, build, run every test
#   make asan       the same tests under AddressSanitizer + UBSan
#   make fuzz       run the libFuzzer targets (FUZZ_SECONDS each)
#   make bench      print performance figures against reference tools
#   make lint / format / install / clean
#
# V=1 shows the commands.

PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
VERSION   := 0.1.0
CC        ?= cc
FUZZ_SECONDS ?= 60

PKGS      := ncursesw sqlite3 libcmark-gfm
# Debian packages: build, tests, and what the course's examples import.
DEB_BUILD := pkg-config libncurses-dev libsqlite3-dev libcmark-gfm-dev \
             libcmark-gfm-extensions-dev libcmocka-dev tmux ncurses-base procps sqlite3
DEB_PYTHON := python3 python3-flask python3-asgiref python3-flask-sqlalchemy \
             python3-flask-migrate python3-flaskext.wtf python3-email-validator \
             python3-flask-login python3-pytest python3-flask-babel python3-flask-socketio \
             python3-celery python3-flask-bcrypt python3-dotenv python3-marshmallow \
             python3-jwt python3-flask-caching
DEB_ALL   := $(DEB_BUILD) $(DEB_PYTHON)

Q := @
ifeq ($(V),1)
Q :=
endif

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
        -Wwrite-strings -Wpedantic -Werror
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
OPT        ?= -O2 -g
SAN        ?=
CPPFLAGS   += -Isrc -DSTUDYTERM_VERSION='"$(VERSION)"' \
              -DSTUDYTERM_DATADIR='"$(PREFIX)/share/studyterm"'
CFLAGS     += -std=c11 -pthread $(OPT) $(WARN) $(SAN) $(PKG_CFLAGS) -MMD -MP
LDLIBS     += $(PKG_LIBS) -lm -pthread
LDFLAGS    += $(SAN)

LIB_SRC  := $(wildcard src/core/*.c src/md/*.c src/course/*.c src/bank/*.c src/store/*.c \
                      src/sandbox/*.c src/quiz/*.c src/tui/*.c) \
            $(filter-out src/cli/main.c,$(wildcard src/cli/*.c))
MAIN_SRC := src/cli/main.c
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libstudyterm.a
BIN      := $(BUILD)/studyterm

BANK_DB  := data/bank.sqlite
QUIZ_SRC := $(wildcard quizzes/*.md)
EXAM_SRC := $(wildcard quizzes/exams/*.md)
EXAMS    := $(EXAM_SRC:quizzes/exams/%=data/exams/%)
# The Python harness the exercises run under, installed with the data.
HARNESS  := data/harness/studyterm_harness.py

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run check asan deps unit fuzz bench lint format install uninstall clean man

all: $(BIN) $(BANK_DB) $(EXAMS) $(HARNESS)

$(HARNESS): src/harness/studyterm_harness.py
	$(Q)mkdir -p $(dir $@) && cp $< $@

# The built-in question bank, compiled from quizzes/ (a temp file renamed
# into place, so a broken bank never replaces a good one).
$(BANK_DB): $(BIN) $(QUIZ_SRC)
	@[ -n "$(Q)" ] && echo "  BANK    $@" || true
	$(Q)$(BIN) --content content bank build -o $@ quizzes > /dev/null

# Exam profiles, checked against the course and the built bank (every row
# must be drawable) before they are installed into data/exams.
data/exams/%.md: quizzes/exams/%.md $(BIN) $(BANK_DB)
	@[ -n "$(Q)" ] && echo "  EXAM    $@" || true
	$(Q)$(BIN) --content content --data data exam --check $< > /dev/null
	$(Q)mkdir -p data/exams && cp $< $@

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC      $<" || true
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	@[ -n "$(Q)" ] && echo "  LD      $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  TEST    $@" || true
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

deps:
	@sh .ci/deps $(DEB_ALL)

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(BIN) --content "$(CURDIR)/content" --data "$(CURDIR)/data"

check: deps
	$(Q)$(MAKE) --no-print-directory all unit
	$(Q)BUILD=$(BUILD) sh tests/run.sh

asan: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all unit
	$(Q)BUILD=build-asan SANITIZED=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 sh tests/run.sh

# The man page's key list comes from the keymap table (tui/keymap.c).
man: $(BIN)
	$(Q)sh docs/make-man.sh $(BIN) docs/studyterm.1.in > docs/studyterm.1

fuzz: deps
	@sh .ci/deps clang libclang-rt-14-dev
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS)

bench: deps $(BIN)
	@sh .ci/deps cmark-gfm hyperfine
	$(Q)sh tests/bench/run.sh $(BIN)

lint:
	@sh .ci/deps cppcheck clang-format
	$(Q)cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		--inline-suppr -Isrc --suppress=missingIncludeSystem src
	$(Q)clang-format --dry-run --Werror $$(find src tests/unit tests/fuzz -name '*.[ch]')

format:
	$(Q)clang-format -i $$(find src tests/unit tests/fuzz -name '*.[ch]')

install: $(BIN) $(BANK_DB) $(EXAMS) $(HARNESS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/studyterm/content \
		$(DESTDIR)$(PREFIX)/share/studyterm/sandbox $(DESTDIR)$(PREFIX)/share/studyterm/harness \
		$(DESTDIR)$(PREFIX)/share/studyterm/exams \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/studyterm
	install -m 644 content/*.md $(DESTDIR)$(PREFIX)/share/studyterm/content/
	cp -R content/exercises $(DESTDIR)$(PREFIX)/share/studyterm/content/
	install -m 644 $(BANK_DB) $(DESTDIR)$(PREFIX)/share/studyterm/bank.sqlite
	install -m 644 data/sandbox/*.sql $(DESTDIR)$(PREFIX)/share/studyterm/sandbox/
	install -m 644 $(HARNESS) $(DESTDIR)$(PREFIX)/share/studyterm/harness/
	install -m 644 data/exams/*.md $(DESTDIR)$(PREFIX)/share/studyterm/exams/
	install -m 644 docs/studyterm.1 $(DESTDIR)$(PREFIX)/share/man/man1/studyterm.1
	install -m 644 docs/studyterm-bank.5 $(DESTDIR)$(PREFIX)/share/man/man5/studyterm-bank.5
	install -m 644 docs/studyterm-exercise.5 $(DESTDIR)$(PREFIX)/share/man/man5/studyterm-exercise.5

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/studyterm $(DESTDIR)$(PREFIX)/share/man/man1/studyterm.1 \
		$(DESTDIR)$(PREFIX)/share/man/man5/studyterm-bank.5 \
		$(DESTDIR)$(PREFIX)/share/man/man5/studyterm-exercise.5
	rm -rf $(DESTDIR)$(PREFIX)/share/studyterm

clean:
	rm -rf build build-asan build-fuzz $(BANK_DB) data/exams data/harness

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
