#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive Sapa through AT-SPI as a screen reader and a keyboard user would.

The test starts the built app with a new data folder whose settings.ini
names the desk (CGK, desk 7), so the first-run setup is skipped. It checks
that every focusable control of the three sections has an accessible name.
Then it finds each control of the counter wizard (flow 1) by its Indonesian
name and completes the wizard with key presses alone. Last, it reads the
report number from the done page and the ticket from the SQLite file.

It needs an X display, a session bus and the AT-SPI bus: run-a11y-test.sh
starts them. Key presses go through the AT-SPI registry, which sends them
with the X server's XTEST extension to the window that has the focus.

Usage: test-a11y.py SAPA_BINARY SCHEMA_DIR LOCALE_DIR
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import Atspi, GLib

# Seconds to wait for the app to appear on the AT-SPI bus and for a widget
# to show up after a key press. On a 2-core development machine these take
# about 1 s and 0.2 s, so the margin is for a loaded CI machine.
APP_TIMEOUT = 30
WIDGET_TIMEOUT = 10
POLL_INTERVAL = 0.1

# X keysyms, from X11/keysymdef.h.
KEY_TAB = 0xFF09
KEY_RETURN = 0xFF0D
KEY_DOWN = 0xFF54
KEY_SPACE = 0x0020
KEY_1 = 0x0031
KEY_2 = 0x0032
KEY_3 = 0x0033

# X modifier masks, from X11/X.h.
CONTROL_MASK = 1 << 2
ALT_MASK = 1 << 3

# GTK 4.8 names an accessible that has no label after its widget type,
# such as "GtkMenuButton": a screen reader then reads out the type.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Sapa)[A-Z]\w*$")

# Roles whose focusable accessible needs no name of its own: a scrolled
# window passes the focus on to its content.
UNNAMED_ROLES = {pyatspi.ROLE_SCROLL_PANE}

# The parts of a named composite widget (the item shown inside a
# drop-down's button, the header and rows of a column view) are read with
# the composite's name. GTK 4.8 marks some of them focusable although Tab
# never stops there.
COMPOSITE_ROLES = {pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TREE_TABLE}

REPORT_NUMBER = re.compile(r"^CGK-07-\d{6}-0001$")

# The key file that GKeyfileSettingsBackend reads with SAPA_DATA_DIR set:
# group [sapa] contains the keys of /id/sapa/Sapa/, values in GVariant text.
SETTINGS = """\
[sapa]
airport='CGK'
workstation=uint32 7
officer='Rina Wijaya'
"""


class Failure(Exception):
    """A failed check. Its message names what was missing or wrong."""


def log(message):
    print(message, flush=True)


def wait_for(find, description, timeout=WIDGET_TIMEOUT):
    """Poll @find until it returns a value other than None or False.

    @description names what is awaited in the failure message."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = find()
        except (GLib.Error, LookupError):
            # An accessible can vanish while it is read, when GTK rebuilds
            # a wizard step: the next poll reads the new one.
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout} s waiting for {description}")
        time.sleep(POLL_INTERVAL)


def labels_within(accessible, limit):
    """Yield up to @limit labels below @accessible with a non-empty extent."""
    found = 0
    pending = list(accessible)
    while pending and found < limit:
        child = pending.pop(0)
        if child is None:
            continue
        if child.getRole() == pyatspi.ROLE_LABEL:
            extents = child.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if extents.width > 0 and extents.height > 0:
                found += 1
                yield child, extents
        pending.extend(child)


def is_mapped_label(label, extents):
    """Return whether GTK would pick @label at its own centre.

    GTK picks only mapped widgets, so a label on a hidden page is never
    picked, even though it keeps its extent.
    """
    hit = label.queryComponent().getAccessibleAtPoint(extents.x + extents.width // 2,
                                                      extents.y + extents.height // 2,
                                                      pyatspi.WINDOW_COORDS)
    return hit is not None and hit == label


def is_mapped_page(page):
    """Return whether a page of a stack is the one shown.

    A page counts as shown when one of its first labels is mapped, or when
    it has no label at all.
    """
    labels = list(labels_within(page, 5))
    return not labels or any(is_mapped_label(label, extents) for label, extents in labels)


def extents_of(accessible):
    """Return the (x, y, width, height) of @accessible, or None for an
    accessible without a place of its own, such as a GtkStackPage."""
    try:
        component = accessible.queryComponent()
    except NotImplementedError:
        return None
    extents = component.getExtents(pyatspi.WINDOW_COORDS)
    return (extents.x, extents.y, extents.width, extents.height)


def showing_children(accessible):
    """Return the children of @accessible that are on screen.

    GTK 4.8 sets the SHOWING state on windows only and keeps VISIBLE on
    the widgets of a hidden page, so neither state helps here. A
    widget never shown has an empty extent. The pages of a GtkStack or an
    AdwViewStack share one extent, and a hidden page keeps the one it had
    when last shown. So among such siblings, and for a GtkStackPage, which
    has no extent, the page on screen is the one whose labels are mapped.
    """
    children = [child for child in accessible
                if child is not None and child.getState().contains(pyatspi.STATE_VISIBLE)]
    places = [extents_of(child) for child in children]
    on_screen = []
    for child, place in zip(children, places):
        if place is None:
            if is_mapped_page(child):
                on_screen.append(child)
            continue
        if place[2] <= 0 or place[3] <= 0:
            continue
        if places.count(place) > 1 and not is_mapped_page(child):
            continue
        on_screen.append(child)
    return on_screen


def walk_showing(accessible):
    """Yield @accessible's descendants that are on screen, depth first."""
    for child in showing_children(accessible):
        yield child
        yield from walk_showing(child)


def role_name(role):
    return Atspi.role_get_name(role)


def describe(accessible):
    return f"{accessible.getRoleName()} “{accessible.name}”"


class App:
    """The running Sapa process and its accessible tree."""

    def __init__(self, binary, env):
        self.process = subprocess.Popen([binary], env=env)
        self.root = wait_for(self._find_application, "Sapa on the AT-SPI bus", APP_TIMEOUT)
        self.window = wait_for(self._find_main_window, "the main window “Sapa”", APP_TIMEOUT)

    def _find_application(self):
        if self.process.poll() is not None:
            raise Failure(f"sapa exited with status {self.process.returncode} before it showed a window")
        desktop = pyatspi.Registry.getDesktop(0)
        for application in desktop:
            if application is not None and application.get_process_id() == self.process.pid:
                return application
        return None

    def _find_main_window(self):
        for child in self.root:
            if (child is not None and child.getRole() == pyatspi.ROLE_FRAME and child.name.startswith("Sapa")
                    and child.getState().contains(pyatspi.STATE_SHOWING)):
                return child
        return None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    # Finding widgets

    def find_all(self, role, name=None, within=None):
        found = []
        for accessible in walk_showing(within or self.window):
            if accessible.getRole() != role:
                continue
            if name is None or accessible.name == name:
                found.append(accessible)
        return found

    def find(self, role, name, within=None):
        """Wait for exactly one showing accessible of @role named @name."""
        def find_one():
            found = self.find_all(role, name, within)
            # A GtkMenuButton shows as a button inside a button of the
            # same name: count the pair once.
            outer = [accessible for accessible in found if accessible.parent not in found]
            return outer[0] if len(outer) == 1 else None

        return wait_for(find_one, f"one {role_name(role)} named “{name}”")

    def find_any(self, role, name, within=None):
        """Wait for at least one showing accessible of @role named @name,
        for texts that a step may show twice, such as a step title that is
        also its only field's label."""
        return wait_for(lambda: next(iter(self.find_all(role, name, within)), None),
                        f"a {role_name(role)} named “{name}”")

    def focus(self):
        """Return the accessible that has the keyboard focus, or None."""
        for accessible in walk_showing(self.root):
            if accessible.getState().contains(pyatspi.STATE_FOCUSED):
                return accessible
        return None

    def wait_focus(self, role, name):
        """Wait until the focus is on the accessible of @role named @name."""

        def focused():
            accessible = self.focus()
            return accessible is not None and accessible.getRole() == role and accessible.name == name

        try:
            wait_for(focused, f"the focus on “{name}”")
        except Failure:
            current = self.focus()
            raise Failure(f"expected the focus on “{name}”, but it is on "
                          f"{describe(current) if current else 'nothing'}") from None


# Keyboard

def press(keysym, modifiers=0):
    """Press and release @keysym while @modifiers are held."""
    if modifiers:
        pyatspi.Registry.generateKeyboardEvent(modifiers, None, pyatspi.KEY_LOCKMODIFIERS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    if modifiers:
        pyatspi.Registry.generateKeyboardEvent(modifiers, None, pyatspi.KEY_UNLOCKMODIFIERS)
    # GTK handles the event in its main loop: give it a moment before the
    # next key, so that a key meant for a new step does not reach the old one.
    time.sleep(0.15)


def type_text(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    time.sleep(0.2)


def print_tree(accessible, depth=0):
    """Print the on-screen accessibles below @accessible, so that a failure
    shows what the test saw."""
    try:
        children = showing_children(accessible)
    except (GLib.Error, LookupError):
        return
    for child in children:
        focused = " (focused)" if child.getState().contains(pyatspi.STATE_FOCUSED) else ""
        log(f"{'  ' * depth}{describe(child)}{focused}")
        print_tree(child, depth + 1)


# Checks

def find_unnamed(accessible, inside_composite=False):
    """Yield the focusable descendants of @accessible on screen without a name."""
    for child in showing_children(accessible):
        role = child.getRole()
        named = bool(child.name.strip()) and not TYPE_NAME.match(child.name)
        if (not named and not inside_composite and role not in UNNAMED_ROLES
                and child.getState().contains(pyatspi.STATE_FOCUSABLE)):
            yield child
        yield from find_unnamed(child, inside_composite or (named and role in COMPOSITE_ROLES))


def check_names(app, section):
    """Fail when a showing focusable control has no accessible name."""
    unnamed = [describe(accessible) for accessible in find_unnamed(app.window)]
    if unnamed:
        raise Failure(f"{section}: controls without an accessible name: {', '.join(unnamed)}")
    log(f"ok: every focusable control of {section} has a name")


def check_description(accessible, expected):
    """Fail unless @accessible's description is @expected."""
    if accessible.description != expected:
        raise Failure(f"{describe(accessible)} is described as “{accessible.description}”, "
                      f"expected “{expected}”")


def check_header(app):
    """Check the names of the header bar's menu, desk label and sync state."""
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Menu utama")
    # The desk label gives way to the sections: in full, airport and desk
    # alone, or not at all; the window's name always says it.
    if "CGK · Meja 07 · Rina Wijaya" not in app.window.name:
        raise Failure(f"the window is named “{app.window.name}”, without the desk")
    # The sync state is an icon on screen: its name must say it in words.
    sync = [button for button in app.find_all(pyatspi.ROLE_PUSH_BUTTON)
            if button.name.startswith("Belum tersambung ke server")]
    if not sync:
        raise Failure("the sync indicator does not say “Belum tersambung ke server” in its name")
    log("ok: the header bar names the menu, the desk and the sync state")


def walk_sections(app):
    """Visit the three sections with their shortcuts Alt+2, Alt+3, Alt+1."""
    press(KEY_2, ALT_MASK)
    app.wait_focus(pyatspi.ROLE_ENTRY, "Cari tiket")
    app.find(pyatspi.ROLE_COMBO_BOX, "Saring menurut status")
    app.find(pyatspi.ROLE_COMBO_BOX, "Saring menurut kanal")
    app.find(pyatspi.ROLE_TREE_TABLE, "Tiket")
    # The filters come next in the Tab order, each once: the focus goes to
    # the button inside each drop-down, which carries its name.
    press(KEY_TAB)
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Saring menurut status")
    press(KEY_TAB)
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Saring menurut kanal")
    check_names(app, "the Tickets section")

    press(KEY_3, ALT_MASK)
    app.wait_focus(pyatspi.ROLE_LIST_ITEM, "Tidak ada")
    focused_list = app.focus().parent
    if focused_list.name != "Penumpang yang akan tiba":
        raise Failure("expected the focus in the list “Penumpang yang akan tiba”, "
                      f"but it is in {describe(focused_list)}")
    for name in ("Penumpang yang akan tiba",
                 "Penumpang yang sedang dilayani",
                 "Penumpang di holding room",
                 "Penumpang yang diserahterimakan ke maskapai hari ini"):
        app.find(pyatspi.ROLE_LIST, name)
    check_names(app, "the Special Needs section")

    press(KEY_1, ALT_MASK)
    app.wait_focus(pyatspi.ROLE_LIST_ITEM, "Tatap muka di konter CS")
    check_names(app, "the Service section")


def run_counter_wizard(app):
    """Complete flow 1 with the keyboard; return the report number shown."""
    # The greeting has no fields, so the focus starts on “Lanjutkan”.
    press(KEY_RETURN)
    app.find_any(pyatspi.ROLE_LABEL, "Sapaan")
    app.find(pyatspi.ROLE_PROGRESS_BAR, "Kemajuan prosedur")
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Batalkan layanan")
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Lanjutkan")
    check_names(app, "the greeting step")
    press(KEY_RETURN)

    # Purpose is a text area, left with Tab because Enter adds a line.
    app.find_any(pyatspi.ROLE_LABEL, "Maksud dan tujuan")
    app.wait_focus(pyatspi.ROLE_TEXT, "Maksud dan tujuan")
    type_text("Di mana musala Terminal 3?")
    check_names(app, "the purpose step")
    # Tab leaves the text area for the action bar, in its visual order.
    press(KEY_TAB)
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Batalkan layanan")
    press(KEY_TAB)
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Lanjutkan")
    press(KEY_SPACE)

    # Identity has two entries, and Enter in the last one takes the step.
    app.wait_focus(pyatspi.ROLE_TEXT, "Nama")
    app.find(pyatspi.ROLE_TEXT, "Nomor telepon")
    type_text("Sri Wahyuni")
    press(KEY_TAB)
    app.wait_focus(pyatspi.ROLE_TEXT, "Nomor telepon")
    type_text("0812-3456-7890")
    check_names(app, "the identity step")
    press(KEY_RETURN)

    # The confirmation reads the values back as rows.
    app.find_any(pyatspi.ROLE_LABEL, "Konfirmasi identitas serta maksud dan tujuan")
    # Each row is named after the value and described with its field.
    check_description(app.find(pyatspi.ROLE_LIST_ITEM, "Sri Wahyuni"), "Nama")
    check_description(app.find(pyatspi.ROLE_LIST_ITEM, "0812-3456-7890"), "Nomor telepon")
    check_description(app.find(pyatspi.ROLE_LIST_ITEM, "Di mana musala Terminal 3?"), "Maksud dan tujuan")
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Tidak sesuai, perbaiki")
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Sesuai")
    check_names(app, "the confirmation step")
    press(KEY_RETURN)

    # Identification is a drop-down, opened with Space and chosen with the
    # arrow keys. Ctrl+Enter then takes the step's usual way on.
    app.find_any(pyatspi.ROLE_LABEL, "Identifikasi feedback")
    app.find(pyatspi.ROLE_COMBO_BOX, "Kategori feedback")
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Perlu tindak lanjut")
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Jawab sekarang")
    check_names(app, "the identification step")
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Kategori feedback")
    category = app.find(pyatspi.ROLE_PUSH_BUTTON, "Kategori feedback")
    check_description(category, "Pilih…")
    press(KEY_SPACE)
    app.find(pyatspi.ROLE_LABEL, "Informasi")
    press(KEY_DOWN)
    press(KEY_RETURN)
    wait_for(lambda: category.description == "Informasi",
             "“Informasi” as the description of “Kategori feedback”")
    press(KEY_RETURN, CONTROL_MASK)

    # The step "Berikan jawaban" is a text area again, taken with Ctrl+Enter
    # from inside it.
    app.find_any(pyatspi.ROLE_LABEL, "Berikan jawaban")
    app.wait_focus(pyatspi.ROLE_TEXT, "Jawaban yang diberikan")
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Tidak sesuai, identifikasi ulang")
    app.find(pyatspi.ROLE_PUSH_BUTTON, "Sesuai, jawaban diterima")
    type_text("Musala ada di lantai 2, dekat gerbang 5.")
    check_names(app, "the answer step")
    press(KEY_RETURN, CONTROL_MASK)

    # The done page shows the report number and focuses the next service.
    app.find_any(pyatspi.ROLE_LABEL, "Layanan tercatat")
    number = wait_for(lambda: next((label.name for label in app.find_all(pyatspi.ROLE_LABEL)
                                    if REPORT_NUMBER.match(label.name)), None),
                      "a report number like CGK-07-YYMMDD-0001 on the done page")
    app.wait_focus(pyatspi.ROLE_PUSH_BUTTON, "Layanan baru")
    check_names(app, "the done page")
    log(f"ok: the counter wizard was completed with the keyboard, report number {number}")
    return number


def check_ticket(database, number):
    """Check the ticket that the wizard recorded in the SQLite file."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT report_number, flow, status, name, phone_e164, category, purpose, answer"
            " FROM tickets").fetchall()
    finally:
        connection.close()
    expected = (number, "counter", "closed", "Sri Wahyuni", "+6281234567890", "information",
                "Di mana musala Terminal 3?", "Musala ada di lantai 2, dekat gerbang 5.")
    if rows != [expected]:
        raise Failure(f"the tickets table of {database} contains {rows}, expected [{expected}]")
    log(f"ok: {database} contains the ticket {number}")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, schema_dir, locale_dir = sys.argv[1:]

    with tempfile.TemporaryDirectory(prefix="sapa-a11y-") as data_dir:
        with open(os.path.join(data_dir, "settings.ini"), "w", encoding="utf-8") as settings:
            settings.write(SETTINGS)
        env = dict(os.environ,
                   LANGUAGE="id",
                   LANG="id_ID.UTF-8",
                   LC_ALL="",
                   GSETTINGS_SCHEMA_DIR=schema_dir,
                   SAPA_LOCALEDIR=locale_dir,
                   SAPA_NO_KEYRING="1",
                   SAPA_DATA_DIR=data_dir)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)

        app = App(binary, env)
        try:
            check_header(app)
            app.wait_focus(pyatspi.ROLE_LIST_ITEM, "Tatap muka di konter CS")
            check_description(app.focus(), "Alur 1: pengguna jasa datang ke konter Customer Service")
            check_names(app, "the Service section")
            walk_sections(app)
            number = run_counter_wizard(app)
            check_ticket(os.path.join(data_dir, "sapa.db"), number)

            # A new service starts where the last one did.
            press(KEY_RETURN)
            app.wait_focus(pyatspi.ROLE_LIST_ITEM, "Tatap muka di konter CS")
            log("ok: “Layanan baru” returns the focus to the channel list")
        except Failure as error:
            log(f"FAIL: {error}")
            log("The window's accessible tree, as far as it is on screen:")
            print_tree(app.window)
            return 1
        finally:
            app.stop()
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
